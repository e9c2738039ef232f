-- Large objects: empty, small, binary, one of more than 1 MB written piece by piece with lo_put, one whose size is
-- exactly a read's size, one with a chosen low OID and one with the highest, one with an OID the server picked; owned by another role, with
-- privileges granted (to a role, to PUBLIC, with grant option, revoked from the owner), with comments (one of two
-- lines); and a table whose oid column refers to them, as applications use them.
DO $$ BEGIN
    CREATE ROLE lifeboat_kind_lo_owner NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
DO $$ BEGIN
    CREATE ROLE lifeboat_kind_lo_reader NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

CREATE SCHEMA files;
CREATE TABLE files.documents (id integer PRIMARY KEY, name text NOT NULL, content oid);

SELECT pg_catalog.lo_create(424242);
SELECT pg_catalog.lo_from_bytea(424243, convert_to('hello, large object', 'UTF8'));
SELECT pg_catalog.lo_from_bytea(424244, decode('00ff7f800a0d5c27' || repeat('00', 32), 'hex'));
SELECT pg_catalog.lo_create(424245);
DO $$ BEGIN
    FOR i IN 0..19 LOOP
        PERFORM pg_catalog.lo_put(424245, i * 65536,
            decode(repeat(md5(i::text) || md5((i + 100)::text), 2048), 'hex'));
    END LOOP;
    PERFORM pg_catalog.lo_put(424245, 20 * 65536, convert_to('the end', 'UTF8'));
END $$;
SELECT pg_catalog.lo_from_bytea(424246, decode(repeat('ab', 16384), 'hex'));
SELECT pg_catalog.lo_from_bytea(42, convert_to('a low OID', 'UTF8'));
SELECT pg_catalog.lo_from_bytea(4294967295, convert_to('the highest OID', 'UTF8'));

INSERT INTO files.documents VALUES
    (1, 'empty', 424242),
    (2, 'greeting', 424243),
    (3, 'binary', 424244),
    (4, 'large', 424245),
    (5, 'one read exactly', 424246),
    (6, 'low', 42),
    (9, 'highest', 4294967295),
    -- a fixed OID rather than one the server picks, so the fixture is the same on every server it is made on
    (7, 'made while inserting', pg_catalog.lo_from_bytea(424247, convert_to('any OID', 'UTF8'))),
    (8, 'no content', NULL);

ALTER LARGE OBJECT 424243 OWNER TO lifeboat_kind_lo_owner;
GRANT SELECT ON LARGE OBJECT 424243 TO lifeboat_kind_lo_reader;
GRANT SELECT, UPDATE ON LARGE OBJECT 424244 TO PUBLIC;
GRANT UPDATE ON LARGE OBJECT 424245 TO lifeboat_kind_lo_reader WITH GRANT OPTION;
ALTER LARGE OBJECT 424246 OWNER TO lifeboat_kind_lo_owner;
REVOKE UPDATE ON LARGE OBJECT 424246 FROM lifeboat_kind_lo_owner;

COMMENT ON LARGE OBJECT 424243 IS 'a greeting';
COMMENT ON LARGE OBJECT 424245 IS E'more than a megabyte,\nwritten in pieces';
COMMENT ON LARGE OBJECT 42 IS 'an OID chosen below the first normal one';
