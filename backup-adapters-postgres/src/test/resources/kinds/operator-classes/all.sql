-- Operator classes and families: a btree class in an explicit family that also holds loose cross-type members, a
-- default hash class with the family CREATE OPERATOR CLASS makes for it and a loose extended hash function, a gist
-- class with a FOR ORDER BY operator made of the server's own support functions, a class with no member (only its
-- STORAGE), an empty family and a family of loose members only; comments and owners. Indexes use the classes.
DO $$ BEGIN
    CREATE ROLE lifeboat_kind_classifier NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
CREATE SCHEMA sorting;
CREATE SCHEMA shapes;

-- ordering integers by their absolute value
CREATE FUNCTION sorting.abs_cmp(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT pg_catalog.btint4cmp(abs(a), abs(b)) $$;
CREATE FUNCTION sorting.abs_cmp(a integer, b bigint) RETURNS integer LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT pg_catalog.btint8cmp(abs(a)::bigint, abs(b)) $$;
CREATE FUNCTION sorting.abs_lt(a integer, b integer) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT abs(a) < abs(b) $$;
CREATE FUNCTION sorting.abs_le(a integer, b integer) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT abs(a) <= abs(b) $$;
CREATE FUNCTION sorting.abs_eq(a integer, b integer) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT abs(a) = abs(b) $$;
CREATE FUNCTION sorting.abs_eq(a integer, b bigint) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT abs(a)::bigint = abs(b) $$;
CREATE FUNCTION sorting.abs_ge(a integer, b integer) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT abs(a) >= abs(b) $$;
CREATE FUNCTION sorting.abs_gt(a integer, b integer) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT abs(a) > abs(b) $$;
CREATE OPERATOR sorting.|<| (LEFTARG = integer, RIGHTARG = integer, FUNCTION = sorting.abs_lt,
    COMMUTATOR = OPERATOR(sorting.|>|), NEGATOR = OPERATOR(sorting.|>=|));
CREATE OPERATOR sorting.|<=| (LEFTARG = integer, RIGHTARG = integer, FUNCTION = sorting.abs_le,
    COMMUTATOR = OPERATOR(sorting.|>=|), NEGATOR = OPERATOR(sorting.|>|));
CREATE OPERATOR sorting.|=| (LEFTARG = integer, RIGHTARG = integer, FUNCTION = sorting.abs_eq,
    COMMUTATOR = OPERATOR(sorting.|=|), MERGES);
CREATE OPERATOR sorting.|=| (LEFTARG = integer, RIGHTARG = bigint, FUNCTION = sorting.abs_eq);
CREATE OPERATOR sorting.|>=| (LEFTARG = integer, RIGHTARG = integer, FUNCTION = sorting.abs_ge);
CREATE OPERATOR sorting.|>| (LEFTARG = integer, RIGHTARG = integer, FUNCTION = sorting.abs_gt);

CREATE OPERATOR FAMILY sorting.abs_family USING btree;
CREATE OPERATOR CLASS sorting.abs_int4_ops FOR TYPE integer USING btree FAMILY sorting.abs_family AS
    OPERATOR 1 sorting.|<|, OPERATOR 2 sorting.|<=|, OPERATOR 3 sorting.|=|(integer, integer),
    OPERATOR 4 sorting.|>=|, OPERATOR 5 sorting.|>|,
    FUNCTION 1 sorting.abs_cmp(integer, integer);
ALTER OPERATOR FAMILY sorting.abs_family USING btree ADD
    OPERATOR 3 sorting.|=|(integer, bigint),
    FUNCTION 1 sorting.abs_cmp(integer, bigint);
-- a class with no member of its own: all CREATE OPERATOR CLASS needs is one item, STORAGE of its own type
CREATE OPERATOR CLASS sorting.abs_placeholder_ops FOR TYPE integer USING btree FAMILY sorting.abs_family AS
    STORAGE integer;
COMMENT ON OPERATOR FAMILY sorting.abs_family USING btree IS 'integers by absolute value';
COMMENT ON OPERATOR CLASS sorting.abs_int4_ops USING btree IS 'integers by absolute value';
ALTER OPERATOR FAMILY sorting.abs_family USING btree OWNER TO lifeboat_kind_classifier;

-- a default hash class for a user type; its family is the one CREATE OPERATOR CLASS makes, of the same name
CREATE TYPE sorting.size AS ENUM ('small', 'medium', 'large');
CREATE FUNCTION sorting.size_eq(a sorting.size, b sorting.size) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT a::text = b::text $$;
CREATE FUNCTION sorting.size_hash(sorting.size) RETURNS integer LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT pg_catalog.hashtext($1::text) $$;
CREATE FUNCTION sorting.size_hash_extended(sorting.size, bigint) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT pg_catalog.hashtextextended($1::text, $2) $$;
CREATE OPERATOR sorting.= (LEFTARG = sorting.size, RIGHTARG = sorting.size, FUNCTION = sorting.size_eq,
    COMMUTATOR = OPERATOR(sorting.=), HASHES);
CREATE OPERATOR CLASS sorting.size_hash_ops DEFAULT FOR TYPE sorting.size USING hash AS
    OPERATOR 1 sorting.=, FUNCTION 1 sorting.size_hash(sorting.size);
ALTER OPERATOR FAMILY sorting.size_hash_ops USING hash ADD
    FUNCTION 2 sorting.size_hash_extended(sorting.size, bigint);
ALTER OPERATOR CLASS sorting.size_hash_ops USING hash OWNER TO lifeboat_kind_classifier;

-- families that no class uses: one empty, one with loose members only (the server's own operators)
CREATE OPERATOR FAMILY sorting.nothing_yet USING hash;
COMMENT ON OPERATOR FAMILY sorting.nothing_yet USING hash IS 'empty for now';
CREATE OPERATOR FAMILY sorting.loose_only USING btree;
ALTER OPERATOR FAMILY sorting.loose_only USING btree ADD
    OPERATOR 1 <(integer, bigint), OPERATOR 3 =(integer, bigint),
    FUNCTION 1 (integer, bigint) pg_catalog.btint48cmp(integer, bigint);

-- a gist class for boxes in a family of another schema, with a distance operator FOR ORDER BY
CREATE OPERATOR FAMILY shapes.box_family USING gist;
CREATE OPERATOR CLASS sorting.box_copy_ops FOR TYPE box USING gist FAMILY shapes.box_family AS
    OPERATOR 1 <<(box, box), OPERATOR 3 &&(box, box), OPERATOR 5 >>(box, box),
    OPERATOR 7 @>(box, box), OPERATOR 8 <@(box, box),
    OPERATOR 15 <->(box, point) FOR ORDER BY pg_catalog.float_ops,
    FUNCTION 1 pg_catalog.gist_box_consistent(internal, box, smallint, oid, internal),
    FUNCTION 2 pg_catalog.gist_box_union(internal, internal),
    FUNCTION 5 pg_catalog.gist_box_penalty(internal, internal, internal),
    FUNCTION 6 pg_catalog.gist_box_picksplit(internal, internal),
    FUNCTION 7 pg_catalog.gist_box_same(box, box, internal),
    FUNCTION 8 pg_catalog.gist_box_distance(internal, box, smallint, oid, internal);
ALTER OPERATOR CLASS sorting.box_copy_ops USING gist OWNER TO lifeboat_kind_classifier;

CREATE TABLE sorting.items (id integer PRIMARY KEY, delta integer, size sorting.size, area box);
INSERT INTO sorting.items VALUES
    (1, -5, 'small', '((0,0),(1,1))'), (2, 3, 'large', '((2,2),(5,5))'), (3, -1, 'medium', NULL), (4, 7, NULL, '((1,1),(3,3))');
CREATE INDEX items_by_abs ON sorting.items (delta sorting.abs_int4_ops);
CREATE INDEX items_by_size ON sorting.items USING hash (size);
CREATE INDEX items_by_area ON sorting.items USING gist (area sorting.box_copy_ops);
