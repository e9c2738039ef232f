-- Casts: WITH FUNCTION (explicit, AS ASSIGNMENT, AS IMPLICIT), WITH INOUT, between user types and built-in types;
-- WITHOUT FUNCTION between built-in types of the same storage (the server refuses it for enum, composite, range and
-- domain types, and a user's base type needs C functions); one with a function of the server's own; with comments.
-- Casts have no owner: they belong to their types.
CREATE SCHEMA casting;
CREATE TYPE casting.mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE casting.level AS ENUM ('low', 'mid', 'high');
CREATE TYPE casting.amount AS (units bigint, currency text);
CREATE FUNCTION casting.to_amount(integer) RETURNS casting.amount LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT ROW($1::bigint, 'EUR')::casting.amount $$;
CREATE FUNCTION casting.mood_score(m casting.mood) RETURNS integer LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT pg_catalog.array_position(pg_catalog.enum_range(NULL::casting.mood), m) $$;
CREATE FUNCTION casting.amount_text(casting.amount) RETURNS text LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT $1.units || ' ' || $1.currency $$;

CREATE CAST (integer AS casting.amount) WITH FUNCTION casting.to_amount(integer);
CREATE CAST (casting.mood AS integer) WITH FUNCTION casting.mood_score(casting.mood) AS ASSIGNMENT;
CREATE CAST (casting.amount AS text) WITH FUNCTION casting.amount_text(casting.amount) AS IMPLICIT;
CREATE CAST (bytea AS text) WITHOUT FUNCTION;
CREATE CAST (xid AS integer) WITHOUT FUNCTION AS ASSIGNMENT;
CREATE CAST (text AS casting.mood) WITH INOUT AS ASSIGNMENT;
CREATE CAST (casting.level AS varchar) WITH INOUT AS IMPLICIT;
CREATE CAST (timestamptz AS interval) WITH FUNCTION pg_catalog.age(timestamptz) AS ASSIGNMENT;
COMMENT ON CAST (casting.mood AS integer) IS 'the rank of a mood';
COMMENT ON CAST (bytea AS text) IS 'bytes taken as text as they are';
COMMENT ON CAST (text AS casting.mood) IS 'by the label';

CREATE TABLE casting.readings (id integer PRIMARY KEY, mood casting.mood, score integer, amount casting.amount);
INSERT INTO casting.readings VALUES (1, 'happy', 3, (12, 'EUR')), (2, 'sad', 1, NULL);
CREATE VIEW casting.scored AS
    SELECT id, mood::integer AS rank, mood::text::casting.level AS level, amount::text AS amount FROM casting.readings;
