-- Foreign data: wrappers with and without handler and validator (one built on postgres_fdw's functions, besides the
-- extension's own), with options; servers with type, version and options; user mappings for a role, for PUBLIC and
-- for CURRENT_USER, with passwords; foreign tables with column options, defaults, NOT NULL, a generated column, CHECK
-- constraints, table options, comments, owners and privileges (column privileges too), a foreign partition of a
-- partitioned table and a foreign table inheriting from a table. Comments, owners and USAGE privileges throughout.
DO $$ BEGIN
    CREATE ROLE lifeboat_kind_fdw_admin SUPERUSER NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
DO $$ BEGIN
    CREATE ROLE lifeboat_kind_fdw_user NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
DO $$ BEGIN
    CREATE ROLE lifeboat_kind_fdw_reader NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

CREATE EXTENSION postgres_fdw;
CREATE FOREIGN DATA WRAPPER plain_wrapper OPTIONS (debug 'true', "Mixed Case" 'it''s');
CREATE FOREIGN DATA WRAPPER validated_wrapper VALIDATOR postgresql_fdw_validator;
CREATE FOREIGN DATA WRAPPER own_pg_wrapper HANDLER public.postgres_fdw_handler VALIDATOR public.postgres_fdw_validator;
COMMENT ON FOREIGN DATA WRAPPER plain_wrapper IS 'a wrapper with neither handler nor validator';
ALTER FOREIGN DATA WRAPPER plain_wrapper OWNER TO lifeboat_kind_fdw_admin;
GRANT USAGE ON FOREIGN DATA WRAPPER plain_wrapper TO lifeboat_kind_fdw_reader;
GRANT USAGE ON FOREIGN DATA WRAPPER validated_wrapper TO lifeboat_kind_fdw_user WITH GRANT OPTION;

CREATE SERVER bare_server FOREIGN DATA WRAPPER plain_wrapper;
CREATE SERVER described_server TYPE 'warehouse' VERSION '2.1' FOREIGN DATA WRAPPER plain_wrapper
    OPTIONS (region 'eu', "Zone" 'b');
CREATE SERVER validated_server FOREIGN DATA WRAPPER validated_wrapper
    OPTIONS (host 'db.example.com', port '5433', dbname 'sales');
CREATE SERVER remote_pg FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'remote.example.com', dbname 'inventory');
CREATE SERVER via_own_wrapper FOREIGN DATA WRAPPER own_pg_wrapper OPTIONS (host 'other.example.com');
COMMENT ON SERVER described_server IS 'the data warehouse';
ALTER SERVER described_server OWNER TO lifeboat_kind_fdw_reader;
GRANT USAGE ON FOREIGN SERVER validated_server TO lifeboat_kind_fdw_user;
GRANT USAGE ON FOREIGN SERVER remote_pg TO PUBLIC;

CREATE USER MAPPING FOR lifeboat_kind_fdw_user SERVER validated_server
    OPTIONS (user 'remote_app', password 'Mapping-Secret-1');
CREATE USER MAPPING FOR PUBLIC SERVER bare_server;
CREATE USER MAPPING FOR CURRENT_USER SERVER remote_pg OPTIONS (user 'inventory_reader', password 'it''s secret too');
CREATE USER MAPPING FOR PUBLIC SERVER described_server OPTIONS (token 'abc');

CREATE SCHEMA remote;
CREATE FOREIGN TABLE remote.orders (
    id integer OPTIONS (column_name 'order_id') NOT NULL,
    placed date DEFAULT CURRENT_DATE,
    note text COLLATE "C",
    amount numeric(10,2) CHECK (amount >= 0),
    doubled numeric GENERATED ALWAYS AS (amount * 2) STORED
) SERVER remote_pg OPTIONS (schema_name 'public', table_name 'orders');
ALTER FOREIGN TABLE remote.orders ALTER COLUMN note SET STATISTICS 200;
ALTER FOREIGN TABLE remote.orders ALTER COLUMN note OPTIONS (column_name 'remark');
ALTER FOREIGN TABLE remote.orders ADD CONSTRAINT recent CHECK (placed > '2000-01-01') NOT VALID;
COMMENT ON FOREIGN TABLE remote.orders IS 'orders of the remote shop';
COMMENT ON COLUMN remote.orders.note IS 'free text';
COMMENT ON CONSTRAINT recent ON remote.orders IS 'older orders were archived';
ALTER FOREIGN TABLE remote.orders OWNER TO lifeboat_kind_fdw_user;
GRANT SELECT ON remote.orders TO lifeboat_kind_fdw_reader;
GRANT SELECT (id, placed), UPDATE (note) ON remote.orders TO PUBLIC;

CREATE FOREIGN TABLE remote.no_columns () SERVER bare_server;

CREATE TABLE remote.events (id integer NOT NULL, happened date NOT NULL, body text DEFAULT 'none')
    PARTITION BY RANGE (happened);
CREATE TABLE remote.events_recent PARTITION OF remote.events FOR VALUES FROM ('2024-01-01') TO (MAXVALUE);
CREATE FOREIGN TABLE remote.events_archive PARTITION OF remote.events FOR VALUES FROM (MINVALUE) TO ('2024-01-01')
    SERVER described_server OPTIONS (path '/archive/events');
ALTER FOREIGN TABLE remote.events_archive ALTER COLUMN body SET DEFAULT 'archived';
ALTER FOREIGN TABLE remote.events_archive ALTER COLUMN body OPTIONS (format 'text');
INSERT INTO remote.events_recent VALUES (1, '2024-05-01', 'hello'), (2, '2025-01-01', DEFAULT);

CREATE TABLE remote.stock (sku text PRIMARY KEY, quantity integer NOT NULL DEFAULT 0 CHECK (quantity >= 0));
CREATE FOREIGN TABLE remote.stock_elsewhere (warehouse text OPTIONS (column_name 'wh') NOT NULL)
    INHERITS (remote.stock) SERVER bare_server OPTIONS (table_name 'stock');
ALTER FOREIGN TABLE remote.stock_elsewhere ALTER COLUMN quantity SET DEFAULT 1;
INSERT INTO remote.stock VALUES ('apple', 3), ('pear', 0);

ALTER FOREIGN TABLE remote.orders ALTER COLUMN note SET (n_distinct = 50);
ALTER FOREIGN TABLE remote.stock_elsewhere ALTER COLUMN quantity SET (n_distinct_inherited = 3);

-- a foreign partition whose columns are in another order than PARTITION OF gives, with settings of its own
CREATE TABLE remote.shipments (id integer NOT NULL, sent date, note text DEFAULT 'none',
    CONSTRAINT shipments_id_positive CHECK (id > 0)) PARTITION BY LIST (id);
CREATE TABLE remote.shipments_here PARTITION OF remote.shipments FOR VALUES IN (1);
CREATE FOREIGN TABLE remote.shipments_far (note text DEFAULT 'far', sent date, id integer NOT NULL,
    CONSTRAINT shipments_id_positive CHECK (id > 0), CONSTRAINT shipments_far_small CHECK (id < 100))
    SERVER bare_server OPTIONS (table_name 'shipments');
ALTER FOREIGN TABLE remote.shipments_far ALTER COLUMN note OPTIONS (column_name 'remark');
ALTER FOREIGN TABLE remote.shipments_far ALTER COLUMN sent SET STATISTICS 30;
ALTER TABLE remote.shipments ATTACH PARTITION remote.shipments_far FOR VALUES IN (2, 3);
COMMENT ON COLUMN remote.shipments_far.note IS 'where it went';
INSERT INTO remote.shipments VALUES (1, '2024-01-01', DEFAULT);
