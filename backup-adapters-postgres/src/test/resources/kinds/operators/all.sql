-- Operators: binary and prefix; a commutator pair and a negator pair that refer to each other (the first of each
-- pair makes a shell of the second, which the second then fills); a commutator that is never defined (a shell that
-- stays); RESTRICT, JOIN, HASHES and MERGES; an operator whose negator lives in another schema; comments and owners.
-- A view uses operators, and an index uses an operator class made of them.
DO $$ BEGIN
    CREATE ROLE lifeboat_kind_operator NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
CREATE SCHEMA ops;
CREATE SCHEMA more_ops;
CREATE FUNCTION ops.same_length(a text, b text) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT pg_catalog.length(a) = pg_catalog.length(b) $$;
CREATE FUNCTION ops.other_length(a text, b text) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT pg_catalog.length(a) <> pg_catalog.length(b) $$;
CREATE FUNCTION ops.shorter(a text, b text) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT pg_catalog.length(a) < pg_catalog.length(b) $$;
CREATE FUNCTION ops.text_has_length(a text, n integer) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT pg_catalog.length(a) = n $$;
CREATE FUNCTION ops.length_of_text(n integer, a text) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT pg_catalog.length(a) = n $$;
CREATE FUNCTION ops.negated(x integer) RETURNS integer LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT -x $$;
CREATE FUNCTION ops.length_hash(text) RETURNS integer LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT pg_catalog.hashint4(pg_catalog.length($1)) $$;
CREATE FUNCTION more_ops.far_apart(a integer, b integer) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT abs(a - b) > 10 $$;

CREATE OPERATOR ops.=== (LEFTARG = text, RIGHTARG = text, FUNCTION = ops.same_length,
    COMMUTATOR = OPERATOR(ops.===), NEGATOR = OPERATOR(ops.!==), RESTRICT = eqsel, JOIN = eqjoinsel,
    HASHES, MERGES);
CREATE OPERATOR ops.!== (LEFTARG = text, RIGHTARG = text, PROCEDURE = ops.other_length,
    NEGATOR = OPERATOR(ops.===), RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR ops.#= (LEFTARG = text, RIGHTARG = integer, FUNCTION = ops.text_has_length,
    COMMUTATOR = OPERATOR(ops.=#));
CREATE OPERATOR ops.=# (LEFTARG = integer, RIGHTARG = text, FUNCTION = ops.length_of_text,
    COMMUTATOR = OPERATOR(ops.#=));
CREATE OPERATOR ops.<<< (LEFTARG = text, RIGHTARG = text, FUNCTION = ops.shorter,
    COMMUTATOR = OPERATOR(ops.>>>), RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR ops.~- (RIGHTARG = integer, FUNCTION = ops.negated);
CREATE OPERATOR more_ops.<~> (LEFTARG = integer, RIGHTARG = integer, FUNCTION = more_ops.far_apart,
    COMMUTATOR = OPERATOR(more_ops.<~>), NEGATOR = OPERATOR(ops.>~<));
COMMENT ON OPERATOR ops.===(text, text) IS 'same length';
COMMENT ON OPERATOR ops.~-(NONE, integer) IS 'negation';
ALTER OPERATOR ops.!==(text, text) OWNER TO lifeboat_kind_operator;
ALTER OPERATOR more_ops.<~>(integer, integer) OWNER TO lifeboat_kind_operator;

CREATE OPERATOR CLASS ops.length_hash_ops FOR TYPE text USING hash AS
    OPERATOR 1 ops.===(text, text), FUNCTION 1 ops.length_hash(text);
CREATE TABLE ops.words (id integer PRIMARY KEY, word text, n integer);
INSERT INTO ops.words VALUES (1, 'abc', 3), (2, 'de', -4), (3, 'fgh', 10);
CREATE INDEX words_by_length ON ops.words USING hash (word ops.length_hash_ops);
CREATE VIEW ops.three_letters AS
    SELECT id, OPERATOR(ops.~-) n AS minus_n FROM ops.words
    WHERE word OPERATOR(ops.===) 'xyz' AND word OPERATOR(ops.#=) 3 AND NOT (n OPERATOR(more_ops.<~>) 0);
