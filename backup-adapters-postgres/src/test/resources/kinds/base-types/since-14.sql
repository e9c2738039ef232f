-- A subscripting function of the user's (PostgreSQL 14 and later): a point twin subscripted by it.
CREATE FUNCTION bt.vector_subscript(internal) RETURNS internal AS 'raw_array_subscript_handler' LANGUAGE internal
    IMMUTABLE STRICT;
CREATE TYPE bt.vector;
CREATE FUNCTION bt.vector_in(cstring) RETURNS bt.vector AS 'point_in' LANGUAGE internal IMMUTABLE STRICT;
CREATE FUNCTION bt.vector_out(bt.vector) RETURNS cstring AS 'point_out' LANGUAGE internal IMMUTABLE STRICT;
CREATE TYPE bt.vector (INPUT = bt.vector_in, OUTPUT = bt.vector_out, SUBSCRIPT = bt.vector_subscript,
    INTERNALLENGTH = 16, ALIGNMENT = double, ELEMENT = float8);
CREATE TABLE bt.vectors (v bt.vector);
INSERT INTO bt.vectors VALUES ('(3,4)');
