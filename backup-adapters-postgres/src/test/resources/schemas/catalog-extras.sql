-- The object kinds everything.sql leaves out, for the tests of the catalogue snapshot (CatalogSnapshot).
--
-- Loaded after everything.sql, as a superuser, into the same database, in one transaction, on PostgreSQL 13 and
-- newer. Large objects have fixed OIDs, so that two databases loaded with it hold the same ones. The database's own
-- settings, comment and privileges are set through current_database(), as its name differs from test to test.

-- ---------------------------------------------------------------- the database itself

DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET statement_timeout = %L', current_database(), '5min');
    EXECUTE format('ALTER ROLE lifeboat_test_reader IN DATABASE %I SET search_path = inventory, public',
                   current_database());
    EXECUTE format('COMMENT ON DATABASE %I IS %L', current_database(), 'a database for the catalogue snapshot');
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO lifeboat_test_reader', current_database());
END $$;

-- ---------------------------------------------------------------- types, operators, casts, collations

CREATE TYPE inventory.not_yet_defined;

CREATE COLLATION inventory.german_phonebook (provider = icu, locale = 'de-u-co-phonebk');
CREATE COLLATION inventory.byte_order FROM "C";

CREATE CONVERSION inventory.latin1_to_utf8 FOR 'LATIN1' TO 'UTF8' FROM pg_catalog.iso8859_1_to_utf8;

CREATE FUNCTION inventory.same_parity(integer, integer) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT
AS $$ SELECT $1 % 2 = $2 % 2 $$;

CREATE FUNCTION inventory.parity_hash(integer) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT
AS $$ SELECT $1 % 2 $$;

CREATE OPERATOR inventory.=== (
    LEFTARG = integer, RIGHTARG = integer, FUNCTION = inventory.same_parity,
    COMMUTATOR = OPERATOR(inventory.===), RESTRICT = eqsel, JOIN = eqjoinsel
);

CREATE OPERATOR FAMILY inventory.parity_ops USING hash;
CREATE OPERATOR CLASS inventory.parity_ops FOR TYPE integer USING hash FAMILY inventory.parity_ops AS
    OPERATOR 1 inventory.===,
    FUNCTION 1 inventory.parity_hash(integer);

CREATE FUNCTION inventory.mood_rank(inventory.mood) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT
AS $$ SELECT array_position(enum_range(NULL::inventory.mood), $1) $$;

CREATE CAST (inventory.mood AS integer) WITH FUNCTION inventory.mood_rank(inventory.mood) AS ASSIGNMENT;

CREATE TRANSFORM FOR integer LANGUAGE sql (
    FROM SQL WITH FUNCTION prsd_lextype(internal),
    TO SQL WITH FUNCTION int4recv(internal)
);

CREATE ACCESS METHOD heap_copy TYPE TABLE HANDLER heap_tableam_handler;

-- ---------------------------------------------------------------- text search

CREATE TEXT SEARCH PARSER inventory.default_copy (
    START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype,
    HEADLINE = prsd_headline
);
CREATE TEXT SEARCH TEMPLATE inventory.simple_copy (INIT = dsimple_init, LEXIZE = dsimple_lexize);
CREATE TEXT SEARCH DICTIONARY inventory.english_simple (TEMPLATE = inventory.simple_copy, STOPWORDS = english);
CREATE TEXT SEARCH CONFIGURATION inventory.product_search (PARSER = inventory.default_copy);
ALTER TEXT SEARCH CONFIGURATION inventory.product_search
    ADD MAPPING FOR asciiword, word WITH inventory.english_simple, simple;
ALTER TEXT SEARCH CONFIGURATION inventory.product_search ADD MAPPING FOR int, uint WITH simple;

-- ---------------------------------------------------------------- tables: typed, on another access method,
-- referencing a partitioned table, clustered, with extended statistics

CREATE TABLE inventory.addresses OF inventory.address (PRIMARY KEY (street));
ALTER TABLE inventory.addresses REPLICA IDENTITY USING INDEX addresses_pkey;

CREATE TABLE inventory.on_heap_copy (id integer) USING heap_copy;

CREATE TABLE inventory.sensor_notes (
    sensor_id integer,
    read_at   timestamp,
    note      text,
    CONSTRAINT sensor_notes_reading_fk FOREIGN KEY (sensor_id, read_at) REFERENCES inventory.sensor_readings
);

ALTER TABLE inventory.products CLUSTER ON products_pkey;
ALTER TABLE inventory.products ALTER COLUMN sku SET STATISTICS 300;
ALTER TABLE inventory.products ALTER COLUMN attributes SET STORAGE EXTERNAL;
ALTER TABLE inventory.products ALTER COLUMN name SET (n_distinct = -0.5);
ALTER INDEX inventory.products_lower_sku ALTER COLUMN 1 SET STATISTICS 200;

CREATE STATISTICS inventory.products_price_quantity (dependencies, ndistinct) ON price, quantity
    FROM inventory.products;
ALTER STATISTICS inventory.products_price_quantity SET STATISTICS 500;

-- ---------------------------------------------------------------- foreign data

CREATE FOREIGN DATA WRAPPER snapshot_wrapper OPTIONS (debug 'true');
CREATE SERVER snapshot_server TYPE 'test' VERSION '1.0' FOREIGN DATA WRAPPER snapshot_wrapper
    OPTIONS (host 'db.example.invalid');
CREATE USER MAPPING FOR lifeboat_test_owner SERVER snapshot_server
    OPTIONS (user 'remote', password 'first-secret');
CREATE USER MAPPING FOR PUBLIC SERVER snapshot_server;
CREATE FOREIGN TABLE inventory.remote_items (
    id   integer OPTIONS (column_name 'item_id'),
    name text
) SERVER snapshot_server OPTIONS (table_name 'items');
GRANT USAGE ON FOREIGN SERVER snapshot_server TO lifeboat_test_reader;

-- ---------------------------------------------------------------- event trigger, replication

CREATE FUNCTION inventory.note_ddl() RETURNS event_trigger
    LANGUAGE plpgsql
AS $$ BEGIN NULL; END $$;
CREATE EVENT TRIGGER snapshot_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE')
    EXECUTE FUNCTION inventory.note_ddl();
ALTER EVENT TRIGGER snapshot_ddl DISABLE;

CREATE PUBLICATION snapshot_publication FOR TABLE inventory.products WITH (publish = 'insert, update');
CREATE SUBSCRIPTION snapshot_subscription
    CONNECTION 'host=db.example.invalid dbname=shop password=subscription-secret'
    PUBLICATION snapshot_publication WITH (connect = false);

-- ---------------------------------------------------------------- large objects

SELECT lo_from_bytea(424242, 'the first content of a large object');
SELECT lo_create(424243);
ALTER LARGE OBJECT 424242 OWNER TO lifeboat_test_owner;
GRANT SELECT ON LARGE OBJECT 424242 TO lifeboat_test_reader;

-- ---------------------------------------------------------------- privileges on built-in and extension objects

GRANT USAGE ON TYPE public.citext TO lifeboat_test_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE lifeboat_test_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

-- ---------------------------------------------------------------- comments

COMMENT ON COLLATION inventory.german_phonebook IS 'ICU collation';
COMMENT ON CONVERSION inventory.latin1_to_utf8 IS 'a copy of the built-in conversion';
COMMENT ON OPERATOR inventory.=== (integer, integer) IS 'same parity';
COMMENT ON OPERATOR CLASS inventory.parity_ops USING hash IS 'hashes by parity';
COMMENT ON CAST (inventory.mood AS integer) IS 'the rank of a mood';
COMMENT ON ACCESS METHOD heap_copy IS 'heap under another name';
COMMENT ON TEXT SEARCH CONFIGURATION inventory.product_search IS 'words through the English stop list';
COMMENT ON FOREIGN DATA WRAPPER snapshot_wrapper IS 'a wrapper without handler';
COMMENT ON SERVER snapshot_server IS 'a server nobody connects to';
COMMENT ON FOREIGN TABLE inventory.remote_items IS 'a foreign table';
COMMENT ON EVENT TRIGGER snapshot_ddl IS 'disabled event trigger';
COMMENT ON PUBLICATION snapshot_publication IS 'publishes products';
COMMENT ON SUBSCRIPTION snapshot_subscription IS 'never connected';
COMMENT ON LARGE OBJECT 424242 IS 'a large object with a fixed OID';

-- ---------------------------------------------------------------- the moment of the load, pinned

-- now(), clock_timestamp(), CURRENT_DATE and gen_random_uuid() gave some of everything.sql's rows values that
-- differ from one load to the next: they are set to constants, triggers quiet, so that two databases loaded alike
-- hold the same rows.
SET LOCAL session_replication_role = replica;
UPDATE inventory.products
SET created_at = TIMESTAMPTZ '2024-01-01 00:00+00',
    updated_at = CASE WHEN updated_at IS NOT NULL THEN TIMESTAMPTZ '2024-01-02 00:00+00' END;
UPDATE inventory.audit_log
SET at = TIMESTAMPTZ '2024-01-01 00:00+00' + id * interval '1 second',
    row_data = CASE WHEN row_data ? 'created_at'
                    THEN row_data || jsonb_build_object('created_at', '2024-01-01T00:00:00+00:00')
                    ELSE row_data END;
UPDATE inventory.stock_moves SET moved_at = TIMESTAMPTZ '2024-01-01 00:00+00' WHERE sku = 'CHEAP-1';
UPDATE inventory.type_showcase SET uid = md5('pinned ' || id)::uuid
WHERE body IN ('row with extreme values', '\.');
UPDATE "Sales Dept".invoices SET issued_on = DATE '2024-01-01' WHERE customer_id IS NULL AND product_id IS NULL;
