-- Procedural languages made from C handler functions (plpgsql's, under other names): trusted with an inline
-- handler and a validator, untrusted with a handler alone, a quoted name; functions written in them (one used by a
-- generated column), an owner, a comment, USAGE revoked from PUBLIC and granted to a role. plpgsql itself belongs
-- to its extension and is left to it.
DO $$ BEGIN
    CREATE ROLE lifeboat_kind_pl_owner NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
DO $$ BEGIN
    CREATE ROLE lifeboat_kind_pl_user NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
CREATE SCHEMA pl;
CREATE FUNCTION pl.call_handler() RETURNS language_handler AS '$libdir/plpgsql', 'plpgsql_call_handler' LANGUAGE C;
CREATE FUNCTION pl.inline_handler(internal) RETURNS void AS '$libdir/plpgsql', 'plpgsql_inline_handler'
    LANGUAGE C STRICT;
CREATE FUNCTION pl.validator(oid) RETURNS void AS '$libdir/plpgsql', 'plpgsql_validator' LANGUAGE C STRICT;
COMMENT ON FUNCTION pl.call_handler() IS 'plpgsql''s handler';

CREATE TRUSTED LANGUAGE my_pl HANDLER pl.call_handler INLINE pl.inline_handler VALIDATOR pl.validator;
COMMENT ON LANGUAGE my_pl IS 'plpgsql under another name';
ALTER LANGUAGE my_pl OWNER TO lifeboat_kind_pl_owner;
REVOKE USAGE ON LANGUAGE my_pl FROM PUBLIC;
GRANT USAGE ON LANGUAGE my_pl TO lifeboat_kind_pl_user;

CREATE LANGUAGE my_untrusted_pl HANDLER pl.call_handler;
CREATE TRUSTED LANGUAGE "My Quoted PL" HANDLER pl.call_handler VALIDATOR pl.validator;
GRANT USAGE ON LANGUAGE "My Quoted PL" TO lifeboat_kind_pl_user WITH GRANT OPTION;

CREATE FUNCTION pl.add_one(i integer) RETURNS integer LANGUAGE my_pl IMMUTABLE
    AS $$ BEGIN RETURN i + 1; END $$;
CREATE FUNCTION pl.twice(i integer) RETURNS integer LANGUAGE my_untrusted_pl
    AS $$ BEGIN RETURN i * 2; END $$;
CREATE FUNCTION pl.greeting(who text) RETURNS text LANGUAGE "My Quoted PL" STABLE
    AS $$ BEGIN RETURN 'hello ' || who; END $$;
CREATE TABLE pl.numbers (n integer PRIMARY KEY, next integer GENERATED ALWAYS AS (pl.add_one(n)) STORED,
    doubled integer CHECK (doubled = pl.twice(n)));
INSERT INTO pl.numbers (n, doubled) VALUES (1, 2), (41, 82);
