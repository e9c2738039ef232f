-- ICU tailoring rules (PostgreSQL 16).
CREATE COLLATION letters.g_after_a (provider = icu, locale = 'und', rules = '&a < g');
COMMENT ON COLLATION letters.g_after_a IS 'sorts g right after a';
CREATE TABLE letters.ruled (id integer PRIMARY KEY, word text COLLATE letters.g_after_a);
INSERT INTO letters.ruled VALUES (1, 'a'), (2, 'b'), (3, 'g');
