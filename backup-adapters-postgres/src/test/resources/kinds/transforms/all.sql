-- Transforms in both directions and in one, for a built-in type and SQL (with pg_catalog's functions, as pg_dump's
-- own tests do), and for built-in and user types in a language of the fixture's own (with functions of its own made
-- from built-in ones); a function that uses one; comments.
CREATE SCHEMA tr;
CREATE FUNCTION tr.call_handler() RETURNS language_handler AS '$libdir/plpgsql', 'plpgsql_call_handler' LANGUAGE C;
CREATE TRUSTED LANGUAGE tr_pl HANDLER tr.call_handler;
CREATE TYPE tr.mood AS ENUM ('sad', 'happy');
CREATE FUNCTION tr.from_sql(internal) RETURNS internal AS 'prsd_lextype' LANGUAGE internal IMMUTABLE STRICT;
CREATE FUNCTION tr.int8_to_sql(internal) RETURNS bigint AS 'int8recv' LANGUAGE internal IMMUTABLE STRICT;
CREATE FUNCTION tr.mood_to_sql(internal) RETURNS tr.mood AS 'int4recv' LANGUAGE internal IMMUTABLE STRICT;

CREATE TRANSFORM FOR integer LANGUAGE sql (FROM SQL WITH FUNCTION prsd_lextype(internal),
    TO SQL WITH FUNCTION int4recv(internal));
CREATE TRANSFORM FOR bigint LANGUAGE tr_pl (FROM SQL WITH FUNCTION tr.from_sql(internal),
    TO SQL WITH FUNCTION tr.int8_to_sql(internal));
CREATE TRANSFORM FOR text LANGUAGE tr_pl (FROM SQL WITH FUNCTION tr.from_sql(internal));
CREATE TRANSFORM FOR tr.mood LANGUAGE tr_pl (TO SQL WITH FUNCTION tr.mood_to_sql(internal));
COMMENT ON TRANSFORM FOR bigint LANGUAGE tr_pl IS 'both ways';
COMMENT ON TRANSFORM FOR integer LANGUAGE sql IS 'made of pg_catalog''s functions';

CREATE FUNCTION tr.same(i bigint) RETURNS bigint LANGUAGE tr_pl IMMUTABLE TRANSFORM FOR TYPE bigint
    AS $$ BEGIN RETURN i; END $$;
CREATE TABLE tr.feelings (id bigint PRIMARY KEY, mood tr.mood, copy bigint GENERATED ALWAYS AS (tr.same(id)) STORED);
INSERT INTO tr.feelings (id, mood) VALUES (1, 'happy'), (2, 'sad');
