-- Publications: FOR ALL TABLES, FOR TABLE with and without ONLY, with what they publish (all, inserts only, nothing)
-- and through the partition root, a publication without tables; with a comment and an owner.
DO $$ BEGIN
    CREATE ROLE lifeboat_kind_publisher NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
CREATE SCHEMA shop;
CREATE TABLE shop.orders (id integer PRIMARY KEY, customer integer, total numeric, note text);
CREATE TABLE shop.customers (id integer PRIMARY KEY, name text);
CREATE TABLE shop.events (id integer, happened date) PARTITION BY RANGE (happened);
CREATE TABLE shop.events_old PARTITION OF shop.events FOR VALUES FROM (MINVALUE) TO ('2024-01-01');
CREATE TABLE shop.events_new PARTITION OF shop.events FOR VALUES FROM ('2024-01-01') TO (MAXVALUE);
CREATE TABLE shop.audit (id integer);
INSERT INTO shop.orders VALUES (1, 1, 50, 'small'), (2, 2, 500, 'large');
INSERT INTO shop.customers VALUES (1, 'Ada'), (2, NULL);
INSERT INTO shop.events VALUES (1, '2023-05-01'), (2, '2024-05-01');

CREATE PUBLICATION everything FOR ALL TABLES;
CREATE PUBLICATION inserts_only FOR TABLE shop.orders, ONLY shop.customers WITH (publish = 'insert');
CREATE PUBLICATION "Partitioned Events" FOR TABLE shop.events
    WITH (publish_via_partition_root = true, publish = 'insert, update, delete');
CREATE PUBLICATION nothing_published FOR TABLE shop.audit WITH (publish = '');
CREATE PUBLICATION no_tables_yet;
COMMENT ON PUBLICATION inserts_only IS 'orders for the warehouse';
ALTER PUBLICATION inserts_only OWNER TO lifeboat_kind_publisher;
ALTER PUBLICATION no_tables_yet OWNER TO lifeboat_kind_publisher;
