-- A schema with most object kinds, loadable on PostgreSQL 13 through 17.
CREATE SCHEMA shop;
COMMENT ON SCHEMA shop IS 'the shop''s objects';
CREATE SCHEMA "Odd Schema";

CREATE TYPE shop.status AS ENUM ('new', 'paid', 'shipped', 'it''s gone');
COMMENT ON TYPE shop.status IS 'order status';
CREATE TYPE shop.address AS (street text, city text COLLATE "C", zip varchar(10));
COMMENT ON COLUMN shop.address.city IS 'the city';
CREATE DOMAIN shop.positive AS numeric(12, 2) DEFAULT 1 NOT NULL CONSTRAINT positive_check CHECK (VALUE > 0);
COMMENT ON DOMAIN shop.positive IS 'strictly positive money';
COMMENT ON CONSTRAINT positive_check ON DOMAIN shop.positive IS 'must be above zero';
CREATE DOMAIN shop.email AS text COLLATE "C" CHECK (VALUE ~ '@');
ALTER DOMAIN shop.email ADD CONSTRAINT email_short CHECK (length(VALUE) < 200) NOT VALID;
CREATE TYPE shop.price_range AS RANGE (SUBTYPE = numeric);
CREATE TYPE shop.float_range AS RANGE (SUBTYPE = float8, SUBTYPE_DIFF = float8mi);

CREATE SEQUENCE shop.invoice_no AS integer START WITH 1000 INCREMENT BY 5 MINVALUE 10 MAXVALUE 999999 CACHE 3 CYCLE;
COMMENT ON SEQUENCE shop.invoice_no IS 'invoice numbers';
SELECT nextval('shop.invoice_no');
SELECT nextval('shop.invoice_no');
CREATE SEQUENCE shop.unused_seq;

CREATE FUNCTION shop.total(price numeric, quantity integer) RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT price * quantity $$;
COMMENT ON FUNCTION shop.total(numeric, integer) IS 'price times quantity';
CREATE FUNCTION shop.is_positive(x shop.positive) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  RETURN x > 0;
END $$;
CREATE FUNCTION shop.touch() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;
CREATE FUNCTION shop.next_code() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT 'C' || nextval('shop.invoice_no')::text $$;
CREATE FUNCTION shop.add_sum(state numeric, value numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT state + value $$;
CREATE AGGREGATE shop.my_sum(numeric) (SFUNC = shop.add_sum, STYPE = numeric, INITCOND = '0');
COMMENT ON AGGREGATE shop.my_sum(numeric) IS 'a sum';

CREATE TABLE shop.customers (
    id bigint GENERATED ALWAYS AS IDENTITY (START WITH 7 INCREMENT BY 2) PRIMARY KEY,
    name text NOT NULL,
    email shop.email UNIQUE,
    home shop.address,
    code text DEFAULT shop.next_code(),
    name_upper text GENERATED ALWAYS AS (upper(name)) STORED,
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "Mixed Case" integer,
    CONSTRAINT name_not_blank CHECK (name <> '')
) WITH (fillfactor = 80, autovacuum_enabled = false);
COMMENT ON TABLE shop.customers IS 'people who buy';
COMMENT ON COLUMN shop.customers.name IS 'full name';
COMMENT ON CONSTRAINT name_not_blank ON shop.customers IS 'no empty names';
ALTER TABLE shop.customers ALTER COLUMN name SET STATISTICS 500;
ALTER TABLE shop.customers ALTER COLUMN home SET STORAGE EXTERNAL;

CREATE TABLE shop.orders (
    id serial PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES shop.customers (id) ON DELETE CASCADE ON UPDATE RESTRICT DEFERRABLE INITIALLY DEFERRED,
    status shop.status NOT NULL DEFAULT 'new',
    amount shop.positive,
    quantity integer DEFAULT 1 CHECK (quantity > 0),
    tags text[],
    during tstzrange,
    updated_at timestamptz,
    EXCLUDE USING gist (during WITH &&) WHERE (customer_id > 0) 
);
CREATE UNLOGGED TABLE shop.scratch (k text PRIMARY KEY, v jsonb);
ALTER TABLE shop.orders ADD CONSTRAINT amount_cap CHECK (amount < 1000000) NOT VALID;
CREATE INDEX orders_status_idx ON shop.orders (status) WHERE status <> 'shipped';
CREATE INDEX orders_lower_idx ON shop.orders ((quantity * 2), lower(tags[1])) INCLUDE (tags);
CREATE UNIQUE INDEX orders_customer_quantity ON shop.orders USING btree (customer_id, quantity DESC NULLS LAST);
CREATE INDEX orders_tags_gin ON shop.orders USING gin (tags);
CREATE INDEX orders_id_hash ON shop.orders USING hash (id);
CREATE INDEX orders_during_spgist ON shop.orders USING spgist (during);
CREATE INDEX orders_updated_brin ON shop.orders USING brin (updated_at) WITH (pages_per_range = 32);
COMMENT ON INDEX shop.orders_status_idx IS 'open orders';
CREATE TRIGGER orders_touch BEFORE UPDATE ON shop.orders FOR EACH ROW EXECUTE FUNCTION shop.touch();
CREATE TRIGGER orders_touch_disabled BEFORE INSERT ON shop.orders FOR EACH ROW WHEN (NEW.quantity > 5) EXECUTE FUNCTION shop.touch();
ALTER TABLE shop.orders DISABLE TRIGGER orders_touch_disabled;
COMMENT ON TRIGGER orders_touch ON shop.orders IS 'keeps updated_at';

CREATE TABLE shop.order_lines (
    order_id integer REFERENCES shop.orders,
    line integer,
    product text COLLATE "C",
    price numeric(10, 2),
    PRIMARY KEY (order_id, line)
);
CREATE RULE lines_no_delete AS ON DELETE TO shop.order_lines WHERE old.price IS NULL DO INSTEAD NOTHING;

-- inheritance
CREATE TABLE shop.events (id integer NOT NULL, at timestamptz DEFAULT now(), payload text);
CREATE TABLE shop.click_events (target text, CHECK (target <> '')) INHERITS (shop.events);
ALTER TABLE ONLY shop.click_events ALTER COLUMN at SET DEFAULT '2020-01-01 00:00:00+00';

-- partitions: range, list, hash, default, nested
CREATE TABLE shop.measurements (city text NOT NULL, taken date NOT NULL, value double precision, kind integer)
    PARTITION BY RANGE (taken);
CREATE TABLE shop.measurements_2023 PARTITION OF shop.measurements FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE shop.measurements_2024 PARTITION OF shop.measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')
    PARTITION BY LIST (city);
CREATE TABLE shop.measurements_2024_north PARTITION OF shop.measurements_2024 FOR VALUES IN ('Oslo', 'Tromsø');
CREATE TABLE shop.measurements_2024_other PARTITION OF shop.measurements_2024 DEFAULT;
CREATE TABLE shop.measurements_default PARTITION OF shop.measurements DEFAULT;
ALTER TABLE shop.measurements ADD PRIMARY KEY (city, taken);
CREATE INDEX measurements_value ON shop.measurements (value);
CREATE TABLE shop.buckets (id integer, payload text) PARTITION BY HASH (id);
CREATE TABLE shop.buckets_0 PARTITION OF shop.buckets FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE shop.buckets_1 PARTITION OF shop.buckets FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE TRIGGER buckets_touch BEFORE INSERT ON shop.buckets FOR EACH ROW EXECUTE FUNCTION shop.touch();
CREATE TABLE shop.readings (id integer, measurement_city text, measurement_taken date,
    FOREIGN KEY (measurement_city, measurement_taken) REFERENCES shop.measurements);

CREATE PROCEDURE shop.archive(days integer) LANGUAGE sql AS $$ DELETE FROM shop.orders WHERE false $$;

-- views
CREATE VIEW shop.big_orders AS SELECT o.id, o.customer_id, shop.total(o.amount, o.quantity) AS total
    FROM shop.orders o WHERE o.quantity > 10;
COMMENT ON VIEW shop.big_orders IS 'orders worth a look';
COMMENT ON COLUMN shop.big_orders.total IS 'the total';
CREATE VIEW shop.paid_orders WITH (security_barrier = true) AS SELECT * FROM shop.orders WHERE status = 'paid'
    WITH CASCADED CHECK OPTION;
CREATE VIEW "Odd Schema"."Customer View" AS SELECT c.name, b.total FROM shop.customers c JOIN shop.big_orders b ON b.customer_id = c.id;
CREATE MATERIALIZED VIEW shop.order_totals AS SELECT customer_id, sum(quantity) AS quantity FROM shop.orders GROUP BY customer_id;
CREATE UNIQUE INDEX order_totals_customer ON shop.order_totals (customer_id);
CREATE MATERIALIZED VIEW shop.order_totals_top AS SELECT * FROM shop.order_totals WHERE quantity > 100;
CREATE MATERIALIZED VIEW shop.never_filled AS SELECT 1 AS one WITH NO DATA;

-- row-level security
ALTER TABLE shop.customers ENABLE ROW LEVEL SECURITY;
ALTER TABLE shop.customers FORCE ROW LEVEL SECURITY;
CREATE POLICY customers_self ON shop.customers AS PERMISSIVE FOR SELECT TO PUBLIC USING (name = current_user);
CREATE POLICY customers_insert ON shop.customers AS RESTRICTIVE FOR INSERT TO postgres WITH CHECK (name <> 'root');
COMMENT ON POLICY customers_self ON shop.customers IS 'see yourself';

-- statistics
CREATE STATISTICS shop.orders_stats (dependencies, ndistinct) ON customer_id, status FROM shop.orders;

-- public schema
CREATE TABLE public.plain (a integer, b text);
COMMENT ON SCHEMA public IS 'changed comment';

-- typed table, replica identity, clustering, a view column default, a disabled rule
CREATE TABLE shop.addresses OF shop.address (city WITH OPTIONS DEFAULT 'Oslo' NOT NULL, CHECK (street <> ''));
ALTER TABLE shop.scratch REPLICA IDENTITY FULL;
ALTER TABLE shop.order_lines REPLICA IDENTITY USING INDEX order_lines_pkey;
ALTER TABLE shop.orders CLUSTER ON orders_customer_quantity;
ALTER VIEW shop.big_orders ALTER COLUMN total SET DEFAULT 0;
CREATE RULE lines_log AS ON UPDATE TO shop.order_lines DO ALSO NOTIFY lines_changed;
ALTER TABLE shop.order_lines DISABLE RULE lines_log;
CREATE TABLE shop.sized (id integer, body text);
ALTER TABLE shop.sized SET (toast.autovacuum_enabled = false, parallel_workers = 2);
