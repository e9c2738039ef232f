-- The builtin provider (PostgreSQL 17).
CREATE COLLATION letters.builtin_c (provider = builtin, locale = 'C');
CREATE COLLATION letters.builtin_utf8 (provider = builtin, locale = 'C.UTF-8');
ALTER COLLATION letters.builtin_utf8 OWNER TO lifeboat_kind_collator;
COMMENT ON COLLATION letters.builtin_utf8 IS 'code point order, Unicode character classes';
CREATE TABLE letters.builtin_words (id integer PRIMARY KEY, word text COLLATE letters.builtin_utf8);
CREATE INDEX builtin_words_c ON letters.builtin_words (word COLLATE letters.builtin_c);
INSERT INTO letters.builtin_words VALUES (1, 'É'), (2, 'e');
