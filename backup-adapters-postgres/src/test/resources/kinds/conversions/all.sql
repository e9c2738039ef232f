-- Conversions: plain and DEFAULT, from the server's own conversion functions, with comments and owners.
DO $$ BEGIN
    CREATE ROLE lifeboat_kind_converter NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
CREATE SCHEMA encodings;
CREATE CONVERSION encodings.latin1_to_utf8 FOR 'LATIN1' TO 'UTF8' FROM pg_catalog.iso8859_1_to_utf8;
CREATE DEFAULT CONVERSION encodings.utf8_to_latin1 FOR 'UTF8' TO 'LATIN1' FROM pg_catalog.utf8_to_iso8859_1;
CREATE DEFAULT CONVERSION public."Windows 1252" FOR 'WIN1252' TO 'UTF8' FROM pg_catalog.win_to_utf8;
COMMENT ON CONVERSION encodings.latin1_to_utf8 IS 'Latin-1 to UTF-8';
COMMENT ON CONVERSION public."Windows 1252" IS 'Windows code page 1252';
ALTER CONVERSION encodings.utf8_to_latin1 OWNER TO lifeboat_kind_converter;
ALTER CONVERSION public."Windows 1252" OWNER TO lifeboat_kind_converter;
