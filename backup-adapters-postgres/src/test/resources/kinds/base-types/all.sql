-- Base types, each made as pg_dump makes them: a shell type, its functions (LANGUAGE internal wrappers of
-- built-in ones, or C functions of a contrib library), then the full type. A by-value integer with receive/send, a
-- category, PREFERRED, a default and a delimiter; a collatable varlena with type modifiers and MAIN storage; a
-- tsvector twin with an ANALYZE function; a fixed-length point twin with an element type (subscriptable); a C type
-- from $libdir/seg. A shell type never filled in, a range type with a canonical function (the same shell-type
-- cycle). Owners, comments, privileges, arrays, a domain, and a table of them all with data.
DO $$ BEGIN
    CREATE ROLE lifeboat_kind_type_owner NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
DO $$ BEGIN
    CREATE ROLE lifeboat_kind_type_user NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
CREATE SCHEMA bt;

CREATE TYPE bt.counter;
CREATE FUNCTION bt.counter_in(cstring) RETURNS bt.counter AS 'int4in' LANGUAGE internal IMMUTABLE STRICT;
CREATE FUNCTION bt.counter_out(bt.counter) RETURNS cstring AS 'int4out' LANGUAGE internal IMMUTABLE STRICT;
CREATE FUNCTION bt.counter_recv(internal) RETURNS bt.counter AS 'int4recv' LANGUAGE internal IMMUTABLE STRICT;
CREATE FUNCTION bt.counter_send(bt.counter) RETURNS bytea AS 'int4send' LANGUAGE internal IMMUTABLE STRICT;
CREATE TYPE bt.counter (INPUT = bt.counter_in, OUTPUT = bt.counter_out, RECEIVE = bt.counter_recv,
    SEND = bt.counter_send, INTERNALLENGTH = 4, PASSEDBYVALUE, ALIGNMENT = int4, STORAGE = plain,
    CATEGORY = 'N', PREFERRED = true, DEFAULT = '42', DELIMITER = ';');
COMMENT ON TYPE bt.counter IS 'an integer under another name';
COMMENT ON FUNCTION bt.counter_in(cstring) IS 'reads a counter';
ALTER TYPE bt.counter OWNER TO lifeboat_kind_type_owner;
ALTER FUNCTION bt.counter_out(bt.counter) OWNER TO lifeboat_kind_type_owner;
REVOKE USAGE ON TYPE bt.counter FROM PUBLIC;
GRANT USAGE ON TYPE bt.counter TO lifeboat_kind_type_user;

CREATE TYPE bt.label;
CREATE FUNCTION bt.label_in(cstring) RETURNS bt.label AS 'textin' LANGUAGE internal IMMUTABLE STRICT;
CREATE FUNCTION bt.label_out(bt.label) RETURNS cstring AS 'textout' LANGUAGE internal IMMUTABLE STRICT;
CREATE FUNCTION bt.label_typmod_in(cstring[]) RETURNS integer AS 'varchartypmodin' LANGUAGE internal
    IMMUTABLE STRICT;
CREATE FUNCTION bt.label_typmod_out(integer) RETURNS cstring AS 'varchartypmodout' LANGUAGE internal
    IMMUTABLE STRICT;
CREATE TYPE bt.label (INPUT = bt.label_in, OUTPUT = bt.label_out, TYPMOD_IN = bt.label_typmod_in,
    TYPMOD_OUT = bt.label_typmod_out, INTERNALLENGTH = VARIABLE, STORAGE = main, CATEGORY = 'S',
    COLLATABLE = true);

CREATE TYPE bt.words;
CREATE FUNCTION bt.words_in(cstring) RETURNS bt.words AS 'tsvectorin' LANGUAGE internal IMMUTABLE STRICT;
CREATE FUNCTION bt.words_out(bt.words) RETURNS cstring AS 'tsvectorout' LANGUAGE internal IMMUTABLE STRICT;
CREATE FUNCTION bt.words_analyze(internal) RETURNS boolean AS 'ts_typanalyze' LANGUAGE internal STRICT;
CREATE TYPE bt.words (INPUT = bt.words_in, OUTPUT = bt.words_out, ANALYZE = bt.words_analyze,
    INTERNALLENGTH = VARIABLE, STORAGE = extended, ALIGNMENT = int4);

CREATE TYPE bt.pair;
CREATE FUNCTION bt.pair_in(cstring) RETURNS bt.pair AS 'point_in' LANGUAGE internal IMMUTABLE STRICT;
CREATE FUNCTION bt.pair_out(bt.pair) RETURNS cstring AS 'point_out' LANGUAGE internal IMMUTABLE STRICT;
CREATE TYPE bt.pair (INPUT = bt.pair_in, OUTPUT = bt.pair_out, INTERNALLENGTH = 16, ALIGNMENT = double,
    ELEMENT = float8, CATEGORY = 'G');

CREATE TYPE bt."Segment";
CREATE FUNCTION bt.segment_in(cstring) RETURNS bt."Segment" AS '$libdir/seg', 'seg_in' LANGUAGE C IMMUTABLE STRICT;
CREATE FUNCTION bt.segment_out(bt."Segment") RETURNS cstring AS '$libdir/seg', 'seg_out' LANGUAGE C
    IMMUTABLE STRICT;
CREATE TYPE bt."Segment" (INPUT = bt.segment_in, OUTPUT = bt.segment_out, INTERNALLENGTH = 12);

CREATE TYPE bt.someday;
COMMENT ON TYPE bt.someday IS 'defined later';
ALTER TYPE bt.someday OWNER TO lifeboat_kind_type_owner;

CREATE TYPE bt.steps;
CREATE FUNCTION bt.steps_canonical(bt.steps) RETURNS bt.steps AS 'int4range_canonical' LANGUAGE internal
    IMMUTABLE STRICT;
CREATE TYPE bt.steps AS RANGE (SUBTYPE = integer, CANONICAL = bt.steps_canonical);
COMMENT ON TYPE bt.steps IS 'discrete integer ranges';

CREATE DOMAIN bt.positive_counter AS bt.counter DEFAULT '7';

CREATE TABLE bt.things (
    id integer PRIMARY KEY,
    c bt.counter,
    cs bt.counter[],
    l bt.label(20) COLLATE "C",
    w bt.words,
    p bt.pair,
    seg bt."Segment",
    pc bt.positive_counter,
    s bt.steps
);
INSERT INTO bt.things VALUES
    (1, '5', '{1;2;3}', 'hello', 'a fat cat', '(1,2)', '1.5 .. 2.50', '9', '[1,5]'),
    (2, NULL, '{}', 'world', 'sat on a mat', '(-1.5,1e10)', '<3', '12', '(1,5)');
INSERT INTO bt.things (id) VALUES (3);
