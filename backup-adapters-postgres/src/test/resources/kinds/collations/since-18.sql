-- The builtin provider's full Unicode case mapping (PostgreSQL 18).
CREATE COLLATION letters.unicode_fast (provider = builtin, locale = 'PG_UNICODE_FAST');
COMMENT ON COLLATION letters.unicode_fast IS 'code point order, full Unicode case mapping';
CREATE TABLE letters.unicode_words (id integer PRIMARY KEY, word text COLLATE letters.unicode_fast);
CREATE INDEX unicode_words_upper ON letters.unicode_words (upper(word));
INSERT INTO letters.unicode_words VALUES (1, 'ß'), (2, 'ǅ');
