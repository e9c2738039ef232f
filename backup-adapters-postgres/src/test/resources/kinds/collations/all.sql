-- Collations: libc with one locale and with lc_collate and lc_ctype apart, ICU (deterministic and not), a copy made
-- with FROM; used by a table column, an index and a domain; with comments and owners.
DO $$ BEGIN
    CREATE ROLE lifeboat_kind_collator NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
CREATE SCHEMA letters;
CREATE COLLATION letters.plain_c (locale = 'C');
CREATE COLLATION letters.utf8_split (provider = libc, lc_collate = 'C', lc_ctype = 'C.utf8');
CREATE COLLATION letters."Case Blind" (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE COLLATION letters.phonebook (provider = icu, locale = 'de-u-co-phonebk');
CREATE COLLATION public.phonebook_copy FROM letters.phonebook;
COMMENT ON COLLATION letters."Case Blind" IS 'compares letters without their case';
COMMENT ON COLLATION public.phonebook_copy IS 'a copy';
ALTER COLLATION letters.phonebook OWNER TO lifeboat_kind_collator;
ALTER COLLATION letters.utf8_split OWNER TO lifeboat_kind_collator;

CREATE DOMAIN letters.blind_text AS text COLLATE letters."Case Blind";
CREATE TABLE letters.words (
    id integer PRIMARY KEY,
    word text COLLATE letters.phonebook,
    tag letters.blind_text,
    raw varchar(20) COLLATE letters.utf8_split,
    copied text COLLATE public.phonebook_copy
);
CREATE INDEX words_raw_c ON letters.words (raw COLLATE letters.plain_c);
CREATE UNIQUE INDEX words_tag ON letters.words (tag);
CREATE VIEW letters.sorted_words AS SELECT id, word FROM letters.words ORDER BY word COLLATE letters.plain_c;
INSERT INTO letters.words VALUES
    (1, 'Müller', 'Alpha', 'b', 'Göbel'),
    (2, 'Mueller', 'beta', 'a', 'Goebel'),
    (3, 'Mutter', 'GAMMA', 'C', NULL);
