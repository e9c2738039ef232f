-- Text search: parsers built from the built-in prsd_* functions (with and without a headline function), templates
-- with and without an INIT function, dictionaries with options (stop words, ACCEPT, snowball, ispell, synonym,
-- thesaurus), configurations copied from english and changed (ALTER, ADD and DROP MAPPING, several dictionaries per
-- token type in order) or built on a parser of their own, used by a generated tsvector column and by an index.
-- Comments, and owners where the kind has one (parsers and templates have none).
DO $$ BEGIN
    CREATE ROLE lifeboat_kind_searcher NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
CREATE SCHEMA ts;
CREATE SCHEMA "Search Stuff";

CREATE FUNCTION ts.prs_start(internal, integer) RETURNS internal AS 'prsd_start' LANGUAGE internal STRICT;
CREATE FUNCTION ts.prs_nexttoken(internal, internal, internal) RETURNS internal AS 'prsd_nexttoken'
    LANGUAGE internal STRICT;
CREATE FUNCTION ts.prs_end(internal) RETURNS void AS 'prsd_end' LANGUAGE internal STRICT;
CREATE FUNCTION ts.prs_lextype(internal) RETURNS internal AS 'prsd_lextype' LANGUAGE internal STRICT;
CREATE FUNCTION ts.prs_headline(internal, internal, tsquery) RETURNS internal AS 'prsd_headline'
    LANGUAGE internal STRICT;
CREATE TEXT SEARCH PARSER ts.my_parser (START = ts.prs_start, GETTOKEN = ts.prs_nexttoken, END = ts.prs_end,
    LEXTYPES = ts.prs_lextype, HEADLINE = ts.prs_headline);
CREATE TEXT SEARCH PARSER "Search Stuff"."Plain Parser" (START = ts.prs_start, GETTOKEN = ts.prs_nexttoken,
    END = ts.prs_end, LEXTYPES = ts.prs_lextype);
COMMENT ON TEXT SEARCH PARSER ts.my_parser IS 'the default parser under another name';

CREATE FUNCTION ts.simple_init(internal) RETURNS internal AS 'dsimple_init' LANGUAGE internal STRICT;
CREATE FUNCTION ts.simple_lexize(internal, internal, internal, internal) RETURNS internal AS 'dsimple_lexize'
    LANGUAGE internal STRICT;
CREATE TEXT SEARCH TEMPLATE ts.my_simple (INIT = ts.simple_init, LEXIZE = ts.simple_lexize);
-- a template without INIT: its dictionaries are never consulted (dsimple_lexize needs what INIT makes)
CREATE TEXT SEARCH TEMPLATE ts.lexize_only (LEXIZE = ts.simple_lexize);
COMMENT ON TEXT SEARCH TEMPLATE ts.my_simple IS 'simple, again';

CREATE TEXT SEARCH DICTIONARY ts.my_stop (TEMPLATE = ts.my_simple, STOPWORDS = english, ACCEPT = false);
CREATE TEXT SEARCH DICTIONARY ts.my_stem (TEMPLATE = snowball, LANGUAGE = english, STOPWORDS = english);
CREATE TEXT SEARCH DICTIONARY ts.my_ispell (TEMPLATE = ispell, DictFile = ispell_sample, AffFile = ispell_sample);
CREATE TEXT SEARCH DICTIONARY ts.my_synonyms (TEMPLATE = synonym, SYNONYMS = synonym_sample, CASESENSITIVE = true);
CREATE TEXT SEARCH DICTIONARY ts.my_thesaurus (TEMPLATE = thesaurus, DictFile = thesaurus_sample,
    Dictionary = pg_catalog.english_stem);
CREATE TEXT SEARCH DICTIONARY "Search Stuff"."Bare" (TEMPLATE = ts.lexize_only);
CREATE TEXT SEARCH DICTIONARY ts.accepting (TEMPLATE = pg_catalog.simple, ACCEPT = true);
COMMENT ON TEXT SEARCH DICTIONARY ts.my_stem IS 'english stems, english stop words';
ALTER TEXT SEARCH DICTIONARY ts.my_stem OWNER TO lifeboat_kind_searcher;

CREATE TEXT SEARCH CONFIGURATION ts.my_config (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION ts.my_config ALTER MAPPING FOR asciiword, word
    WITH ts.my_synonyms, ts.my_stop, ts.my_ispell, ts.my_stem;
ALTER TEXT SEARCH CONFIGURATION ts.my_config ALTER MAPPING FOR hword_part WITH ts.my_stem, ts.my_stop;
ALTER TEXT SEARCH CONFIGURATION ts.my_config DROP MAPPING FOR email, url, url_path;
ALTER TEXT SEARCH CONFIGURATION ts.my_config ALTER MAPPING REPLACE english_stem WITH ts.my_stem;
COMMENT ON TEXT SEARCH CONFIGURATION ts.my_config IS 'english, with synonyms and ispell first';
ALTER TEXT SEARCH CONFIGURATION ts.my_config OWNER TO lifeboat_kind_searcher;

CREATE TEXT SEARCH CONFIGURATION ts.own_parser (PARSER = ts.my_parser);
ALTER TEXT SEARCH CONFIGURATION ts.own_parser ADD MAPPING FOR word, asciiword WITH ts.my_stem, simple;
ALTER TEXT SEARCH CONFIGURATION ts.own_parser ADD MAPPING FOR int, uint WITH ts.accepting, ts.my_stop;
ALTER TEXT SEARCH CONFIGURATION ts.own_parser ADD MAPPING FOR asciihword WITH ts.my_thesaurus, ts.my_stem;

-- a configuration never consulted may use the dictionary of the INIT-less template
CREATE TEXT SEARCH CONFIGURATION "Search Stuff"."Unused" (PARSER = "Search Stuff"."Plain Parser");
ALTER TEXT SEARCH CONFIGURATION "Search Stuff"."Unused" ADD MAPPING FOR word WITH "Search Stuff"."Bare", ts.my_stop;

CREATE TABLE ts.documents (
    id integer PRIMARY KEY,
    body text,
    search tsvector GENERATED ALWAYS AS (to_tsvector('ts.my_config'::regconfig, body)) STORED
);
CREATE INDEX documents_own_parser ON ts.documents USING gin (to_tsvector('ts.own_parser'::regconfig, body));
INSERT INTO ts.documents (id, body) VALUES
    (1, 'The quick brown foxes jumped over 42 lazy dogs'),
    (2, 'Bookings and skies, supernovae stars and crab nebulae'),
    (3, 'a well-known multi-word example'),
    (4, NULL);
