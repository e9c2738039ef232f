-- The round-trip test schema of the PostgreSQL engine.
--
-- One script that, run as a superuser in an empty UTF8 database (TEMPLATE template0) on PostgreSQL 13 to 18,
-- creates every object kind lifeboat backs up and restores, with data in every type family and its edge values
-- (NaN, -0, infinities, BC dates, empty ranges, NULL array elements, non-ASCII text, a literal "\." line, ...).
-- A backup of this database restored elsewhere must compare equal to it, schema and data.
--
-- Rules for editing it:
-- * it must load on every supported server major (13 and up): no SQL-standard function bodies (BEGIN ATOMIC),
--   no syntax newer than 13;
-- * it must not contain objects lifeboat reports as unsupported (docs/postgresql.md lists them); each other kind
--   of object also has a fixture of its own under kinds/;
-- * roles are cluster-wide and several tests load this script into different databases of one server, so roles
--   are created only when missing and never dropped;
-- * it runs as one multi-statement string, hence in one transaction: no CREATE INDEX CONCURRENTLY, no
--   ALTER TYPE ... ADD VALUE, no VACUUM.

-- ---------------------------------------------------------------- roles (cluster-wide, shared by every test)

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'lifeboat_test_owner') THEN
        CREATE ROLE lifeboat_test_owner NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL; -- another database's load created it at the same moment
END $$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'lifeboat_test_reader') THEN
        CREATE ROLE lifeboat_test_reader NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END $$;

-- ---------------------------------------------------------------- schemas and extensions

CREATE SCHEMA inventory;
CREATE SCHEMA "Sales Dept";

CREATE EXTENSION citext WITH SCHEMA public;
CREATE EXTENSION btree_gist WITH SCHEMA public;

-- ---------------------------------------------------------------- types

CREATE TYPE inventory.mood AS ENUM ('sad', 'ok', 'happy', 'très bien');

CREATE TYPE inventory.address AS (
    street text,
    city   varchar(80),
    zip    char(5)
);

CREATE TYPE inventory.float_range AS RANGE (subtype = float8, subtype_diff = float8mi);

CREATE DOMAIN inventory.positive_amount AS numeric(12, 2)
    DEFAULT 1.00
    NOT NULL
    CONSTRAINT positive_amount_positive CHECK (VALUE > 0)
    CONSTRAINT positive_amount_below_million CHECK (VALUE < 1000000);

CREATE DOMAIN "Sales Dept".email AS public.citext
    CONSTRAINT email_has_at CHECK (VALUE ~ '^[^@]+@[^@]+$');

-- ---------------------------------------------------------------- sequences

CREATE SEQUENCE inventory.serial_codes AS bigint
    INCREMENT BY 5 MINVALUE 100 MAXVALUE 100000 START WITH 105 CACHE 10 CYCLE;

CREATE SEQUENCE inventory.countdown AS integer
    INCREMENT BY -3 MINVALUE -1000 MAXVALUE 0 START WITH 0 NO CYCLE;

CREATE SEQUENCE inventory.not_yet_called START WITH 1;

CREATE SEQUENCE "Sales Dept".invoice_numbers AS integer START WITH 1000;

-- ---------------------------------------------------------------- functions (those the tables need first)

CREATE FUNCTION inventory.price_with_tax(price numeric, rate numeric DEFAULT 0.20)
    RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT round(price * (1 + rate), 2) $$;

CREATE FUNCTION inventory.touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE FUNCTION inventory.log_row_change() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO inventory.audit_log (table_name, operation, row_data)
    VALUES (TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, TG_OP,
            CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END);
    RETURN NULL;
END;
$$;

CREATE FUNCTION inventory.log_statement() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO inventory.audit_log (table_name, operation, row_data)
    VALUES (TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, TG_OP || ' STATEMENT', NULL);
    RETURN NULL;
END;
$$;

-- ---------------------------------------------------------------- tables

-- every type family, with edge values in the rows below
CREATE TABLE inventory.type_showcase (
    id          bigint GENERATED ALWAYS AS IDENTITY (START WITH 1000 INCREMENT BY 10) PRIMARY KEY,
    small_int   smallint,
    plain_int   integer,
    big_int     bigint,
    exact       numeric(20, 6),
    any_numeric numeric,
    single      real,
    double      double precision,
    flag        boolean,
    body        text,
    code        text COLLATE "C",
    label       varchar(20),
    fixed       char(6),
    raw         bytea,
    ints        integer[],
    texts       text[],
    matrix      integer[][],
    moods       inventory.mood[],
    doc_json    json,
    doc_jsonb   jsonb,
    day         date,
    moment      timestamp(6) without time zone,
    instant     timestamptz,
    clock       time,
    clock_tz    timetz,
    span        interval,
    uid         uuid DEFAULT gen_random_uuid(),
    host        inet,
    network     cidr,
    mac         macaddr,
    int_range   int4range,
    time_range  tstzrange,
    day_range   daterange,
    float_range inventory.float_range,
    mood        inventory.mood,
    address     inventory.address,
    amount      inventory.positive_amount,
    bits        bit(8),
    var_bits    bit varying(16),
    markup      xml,
    search      tsvector,
    location    point,
    area        box,
    email       public.citext
);

CREATE TABLE inventory.products (
    id           integer GENERATED BY DEFAULT AS IDENTITY (START WITH 50 INCREMENT BY 2) PRIMARY KEY,
    sku          text COLLATE "C" NOT NULL,
    name         public.citext NOT NULL,
    price        numeric(10, 2) NOT NULL DEFAULT 0,
    quantity     integer NOT NULL DEFAULT 1,
    legacy_code  text,
    total        numeric GENERATED ALWAYS AS (price * quantity) STORED,
    gross_price  numeric GENERATED ALWAYS AS (inventory.price_with_tax(price)) STORED,
    tags         text[] DEFAULT '{}'::text[],
    attributes   jsonb,
    serial_code  bigint DEFAULT nextval('inventory.serial_codes'),
    parent_id    integer,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz,
    CONSTRAINT products_sku_key UNIQUE (sku),
    CONSTRAINT products_price_not_negative CHECK (price >= 0),
    CONSTRAINT products_parent_fk FOREIGN KEY (parent_id) REFERENCES inventory.products (id)
) WITH (fillfactor = 70);

-- a dropped column leaves a gap in the table's column numbers
ALTER TABLE inventory.products DROP COLUMN legacy_code;

CREATE TABLE inventory.audit_log (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT clock_timestamp(),
    table_name text NOT NULL,
    operation  text NOT NULL,
    row_data   jsonb
);
ALTER TABLE inventory.audit_log ADD CONSTRAINT audit_log_operation_known
    CHECK (operation ~ '^(INSERT|UPDATE|DELETE|TRUNCATE)') NOT VALID;

CREATE UNLOGGED TABLE inventory.session_cache (
    key     text PRIMARY KEY,
    payload jsonb,
    expires timestamptz DEFAULT now() + interval '1 hour'
);

CREATE TABLE inventory.bookings (
    id     integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    room   integer NOT NULL,
    during tstzrange NOT NULL,
    note   text,
    CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&)
);

-- inheritance: a parent and two children
CREATE TABLE inventory.vehicles (
    id     integer NOT NULL,
    name   text NOT NULL DEFAULT 'unnamed',
    wheels integer CONSTRAINT vehicles_wheels_not_negative CHECK (wheels >= 0),
    bought date
);
CREATE TABLE inventory.cars (
    doors integer DEFAULT 4
) INHERITS (inventory.vehicles);
CREATE TABLE inventory.bikes (
    gears integer,
    CONSTRAINT bikes_two_wheels CHECK (wheels = 2)
) INHERITS (inventory.vehicles);

-- list partitions
CREATE TABLE inventory.stock_moves (
    id       bigint NOT NULL,
    kind     text NOT NULL,
    sku      text,
    quantity integer,
    moved_at timestamptz
) PARTITION BY LIST (kind);
CREATE TABLE inventory.stock_moves_in PARTITION OF inventory.stock_moves FOR VALUES IN ('in', 'return');
CREATE TABLE inventory.stock_moves_out PARTITION OF inventory.stock_moves FOR VALUES IN ('out');

-- hash partitions
CREATE TABLE inventory.sensor_readings (
    sensor_id integer NOT NULL,
    read_at   timestamp NOT NULL,
    value     double precision,
    PRIMARY KEY (sensor_id, read_at)
) PARTITION BY HASH (sensor_id);
CREATE TABLE inventory.sensor_readings_0 PARTITION OF inventory.sensor_readings
    FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE inventory.sensor_readings_1 PARTITION OF inventory.sensor_readings
    FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE inventory.sensor_readings_2 PARTITION OF inventory.sensor_readings
    FOR VALUES WITH (MODULUS 3, REMAINDER 2);

CREATE TABLE "Sales Dept".customers (
    id             bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    email          "Sales Dept".email NOT NULL,
    "Display Name" text,
    address        inventory.address,
    mood           inventory.mood DEFAULT 'ok',
    referred_by    bigint REFERENCES "Sales Dept".customers (id) ON DELETE SET NULL,
    CONSTRAINT customers_email_key UNIQUE (email)
);

CREATE TABLE "Sales Dept".invoices (
    number      integer PRIMARY KEY,
    customer_id bigint,
    product_id  integer,
    amount      inventory.positive_amount,
    issued_on   date DEFAULT CURRENT_DATE,
    CONSTRAINT invoices_customer_fk FOREIGN KEY (customer_id) REFERENCES "Sales Dept".customers (id)
        ON DELETE CASCADE ON UPDATE SET NULL,
    CONSTRAINT invoices_product_fk FOREIGN KEY (product_id) REFERENCES inventory.products (id)
        DEFERRABLE INITIALLY DEFERRED
);
ALTER TABLE "Sales Dept".invoices ALTER COLUMN number SET DEFAULT nextval('"Sales Dept".invoice_numbers');
ALTER SEQUENCE "Sales Dept".invoice_numbers OWNED BY "Sales Dept".invoices.number;

-- range partitions, one of them list-partitioned again, and a default partition
CREATE TABLE "Sales Dept".orders (
    id          bigint NOT NULL,
    ordered_on  date NOT NULL,
    region      text NOT NULL,
    customer_id bigint REFERENCES "Sales Dept".customers (id) ON DELETE SET NULL,
    amount      numeric(12, 2),
    PRIMARY KEY (id, ordered_on, region)
) PARTITION BY RANGE (ordered_on);
CREATE TABLE "Sales Dept".orders_2023 PARTITION OF "Sales Dept".orders
    FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE "Sales Dept".orders_2024 PARTITION OF "Sales Dept".orders
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')
    PARTITION BY LIST (region);
CREATE TABLE "Sales Dept".orders_2024_europe PARTITION OF "Sales Dept".orders_2024
    FOR VALUES IN ('eu', 'uk');
CREATE TABLE "Sales Dept".orders_2024_other PARTITION OF "Sales Dept".orders_2024 DEFAULT;
CREATE TABLE "Sales Dept".orders_default PARTITION OF "Sales Dept".orders DEFAULT;

-- ---------------------------------------------------------------- more functions, a procedure, an aggregate

CREATE FUNCTION "Sales Dept".customer_orders(customer bigint)
    RETURNS TABLE (order_id bigint, ordered_on date, amount numeric)
    LANGUAGE sql STABLE
AS $$
    SELECT o.id, o.ordered_on, o.amount
    FROM "Sales Dept".orders o
    WHERE o.customer_id = customer
    ORDER BY o.ordered_on
$$;

CREATE FUNCTION inventory.describe(value integer) RETURNS text
    LANGUAGE sql IMMUTABLE
AS $$ SELECT 'integer ' || value $$;

CREATE FUNCTION inventory.describe(value text) RETURNS text
    LANGUAGE sql IMMUTABLE
AS $$ SELECT 'text ' || quote_literal(value) $$;

CREATE FUNCTION inventory.join_step(state text, value text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
AS $$
BEGIN
    IF value IS NULL THEN
        RETURN state;
    ELSIF state = '' THEN
        RETURN value;
    END IF;
    RETURN state || ' | ' || value;
END;
$$;

CREATE AGGREGATE inventory.pipe_join(text) (
    SFUNC = inventory.join_step,
    STYPE = text,
    INITCOND = ''
);

CREATE PROCEDURE inventory.restock(product_sku text, amount integer)
    LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE inventory.products SET quantity = quantity + amount WHERE sku = product_sku;
    INSERT INTO inventory.stock_moves (id, kind, sku, quantity, moved_at)
    VALUES (nextval('inventory.serial_codes'), 'in', product_sku, amount, now());
END;
$$;

-- ---------------------------------------------------------------- triggers and a rule

CREATE TRIGGER products_touch_updated_at
    BEFORE UPDATE ON inventory.products
    FOR EACH ROW
    WHEN (OLD.price IS DISTINCT FROM NEW.price)
    EXECUTE FUNCTION inventory.touch_updated_at();

CREATE TRIGGER products_log_row
    AFTER INSERT OR DELETE ON inventory.products
    FOR EACH ROW
    EXECUTE FUNCTION inventory.log_row_change();

CREATE TRIGGER products_log_statement
    AFTER UPDATE ON inventory.products
    FOR EACH STATEMENT
    EXECUTE FUNCTION inventory.log_statement();

CREATE TRIGGER orders_log_row
    AFTER INSERT ON "Sales Dept".orders
    FOR EACH ROW
    EXECUTE FUNCTION inventory.log_row_change();

CREATE RULE audit_log_keep AS ON DELETE TO inventory.audit_log DO INSTEAD NOTHING;

-- ---------------------------------------------------------------- indexes

CREATE INDEX products_lower_sku ON inventory.products (lower(sku));
CREATE INDEX products_out_of_stock ON inventory.products (sku) WHERE quantity = 0;
CREATE UNIQUE INDEX products_serial_code_incl ON inventory.products (serial_code) INCLUDE (name, price);
CREATE INDEX products_sku_hash ON inventory.products USING hash (sku);
CREATE INDEX products_tags_gin ON inventory.products USING gin (tags);
CREATE INDEX products_attributes_gin ON inventory.products USING gin (attributes jsonb_path_ops);
CREATE INDEX products_created_desc ON inventory.products (created_at DESC NULLS LAST, id) WITH (fillfactor = 80);
CREATE INDEX type_showcase_code_pattern ON inventory.type_showcase (code COLLATE "C" text_pattern_ops);
CREATE INDEX type_showcase_int_range_gist ON inventory.type_showcase USING gist (int_range);
CREATE INDEX type_showcase_host_spgist ON inventory.type_showcase USING spgist (host);
CREATE INDEX type_showcase_body_spgist ON inventory.type_showcase USING spgist (body);
CREATE INDEX type_showcase_search_gin ON inventory.type_showcase USING gin (search);
CREATE INDEX audit_log_at_brin ON inventory.audit_log USING brin (at) WITH (pages_per_range = 16);
CREATE INDEX customers_name_email ON "Sales Dept".customers ("Display Name") INCLUDE (email);
CREATE INDEX orders_region ON "Sales Dept".orders (region, ordered_on);
CREATE INDEX vehicles_name ON inventory.vehicles (name);

-- ---------------------------------------------------------------- views

CREATE VIEW inventory.cheap_products AS
    SELECT id, sku, name, price, quantity
    FROM inventory.products
    WHERE price < 10
    WITH LOCAL CHECK OPTION;

CREATE VIEW inventory.cheap_product_names AS
    SELECT sku, upper(name::text) AS shouted_name
    FROM inventory.cheap_products;

CREATE VIEW "Sales Dept".happy_customers WITH (security_barrier = true) AS
    SELECT id, email, "Display Name"
    FROM "Sales Dept".customers
    WHERE mood IN ('happy', 'très bien');

-- ---------------------------------------------------------------- row-level security

ALTER TABLE "Sales Dept".customers ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Sales Dept".customers FORCE ROW LEVEL SECURITY;

CREATE POLICY customers_readable ON "Sales Dept".customers
    AS PERMISSIVE FOR SELECT TO PUBLIC
    USING (mood IS DISTINCT FROM 'sad');

CREATE POLICY customers_reader_limits ON "Sales Dept".customers
    AS RESTRICTIVE FOR ALL TO lifeboat_test_reader
    USING (referred_by IS NOT NULL)
    WITH CHECK (mood <> 'sad');

-- ---------------------------------------------------------------- data

INSERT INTO inventory.type_showcase (
    small_int, plain_int, big_int, exact, any_numeric, single, double, flag,
    body, code, label, fixed, raw, ints, texts, matrix, moods, doc_json, doc_jsonb,
    day, moment, instant, clock, clock_tz, span, uid, host, network, mac,
    int_range, time_range, day_range, float_range, mood, address, amount,
    bits, var_bits, markup, search, location, area, email)
VALUES
    (-32768, 2147483647, -9223372036854775808, 12345678901234.123456, 'NaN', '-0', 'Infinity', true,
     E'tab\there\nnew line\r\nback\\slash\n\\.\nafter the end marker', 'ABC', 'é日本🎉', 'ab',
     '\x00ff7f80fe0001'::bytea, ARRAY[1, NULL, 3], ARRAY['a', NULL, 'with,comma', 'with "quote"', 'NULL', ''],
     '{{1,2},{3,4}}', ARRAY['sad', 'très bien']::inventory.mood[],
     '{"a": [1, 2, {"b": null}], "ü": "日本", "n": 1.50}',
     '{"nested": {"deep": [true, false, null]}, "emoji": "🎉", "escaped": "tab\tquote\"", "big": 12345678901234567890}',
     'infinity', '-infinity', '2024-02-29 23:59:59.999999+05:30', '23:59:59.999999', '12:00:00+14',
     '-1 years +2 mons -3 days 04:05:06.789', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
     '2001:db8::1/64', '10.0.0.0/8', '08:00:2b:01:02:03',
     'empty', '[2024-01-01 00:00:00+00,infinity)', '(,2024-01-01)', '[1.5,2.5)',
     'très bien', ROW('Rue de l''Église 1', 'Genève', '1201'), 12.34,
     B'10101010', B'1101', '<a x="1">é &amp; 日本</a>', 'a fat cat sat on a mat'::tsvector,
     '(1.5,-2.25)', '((0,0),(1,1))', 'Mixed.Case@Example.com'),
    (32767, -2147483648, 9223372036854775807, -0.000001, '-123456789012345678901234567890.123456789', 'NaN', '-Infinity', false,
     '', 'z', '', '', '\x'::bytea, '{}', '{}', '{{{1},{2}},{{3},{4}}}', '{}',
     '[]', '{}',
     '0044-03-15 BC', '1999-12-31 23:59:59.000001', '-infinity', '00:00:00', '00:00:00-12',
     '1 year -2 mons +3 days -04:05:06.000001', '00000000-0000-0000-0000-000000000000',
     '192.168.0.1', '192.168.0.0/24', 'ff:ff:ff:ff:ff:ff',
     '[-2147483648,2147483647)', 'empty', 'empty', 'empty',
     'sad', ROW(NULL, NULL, NULL), 999999.99,
     B'00000000', B'', '<?xml version="1.0"?><root/>', ''::tsvector,
     '(-0,0)', '((-1.5,-1.5),(2.5,2.5))', ''),
    (0, 0, 0, 0, 0, 'Infinity', 1e-300, NULL,
     'Ω≈ç√∫ 🏳️‍🌈 zero-width​joiner', 'C-sorted', 'ascii', 'abcdef',
     decode('00010203fcfdfeff', 'hex'), ARRAY[NULL]::integer[], ARRAY[NULL, NULL]::text[], '{{NULL,1},{2,NULL}}', ARRAY[NULL]::inventory.mood[],
     '"just a string"', 'null',
     '2000-02-29', '1970-01-01 00:00:00', '1970-01-01 00:00:00+00', '12:34:56.5', '12:34:56.5+05:45',
     '00:00:00', '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
     '::1', '::/0', '00:00:00:00:00:00',
     '[5,6)', '["1999-12-31 23:59:59.999999+00","2000-01-01 00:00:00+00"]', '[2020-01-01,2020-01-02)', '(-Infinity,Infinity)',
     'ok', ROW('', '', '     '), 0.01,
     B'11111111', B'1111111111111111', 'plain text content', 'Unicode:1A ünïcödé:2B'::tsvector,
     '(1e-300,-1e300)', '((0,0),(0,0))', 'ÉTÉ@exemple.fr'),
    (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
     NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 5.00,
     NULL, NULL, NULL, NULL, NULL, NULL, NULL);

INSERT INTO inventory.type_showcase (exact, any_numeric, single, double, moment, instant, span, body)
VALUES
    ('NaN', '-0.000000000000000000000000000001', '-Infinity', '-0',
     '0100-02-03 04:05:06.789012 BC', '0044-03-15 12:00:00.000001+01 BC', '-178000000 years', 'row with extreme values'),
    (-99999999999999.999999, 1e100, '3.4028235e38', 'NaN',
     '294276-12-31 23:59:59.999999', '4713-11-24 00:00:00+00 BC', '1 mon -1 day +00:00:00.000001', E'\\.');

INSERT INTO inventory.type_showcase (
    small_int, plain_int, big_int, exact, any_numeric, single, double, flag, body, code, label, fixed, raw,
    ints, texts, matrix, moods, doc_json, doc_jsonb, day, moment, instant, clock, clock_tz, span, uid,
    host, network, mac, int_range, time_range, day_range, float_range, mood, address, amount,
    bits, var_bits, markup, search, location, area, email)
SELECT
    (n % 1000)::smallint, n * 7919, n::bigint * 1000000007, n / 7.0, (n * 1.5)::numeric, n / 3.0, n / 7.0, n % 2 = 0,
    'row ' || n || repeat(' ü', n % 5), 'code-' || n, 'label ' || n, lpad(n::text, 6, '0'),
    decode(md5(n::text), 'hex'),
    ARRAY[n, n + 1, n + 2], ARRAY['t' || n, NULL], ARRAY[[n, n], [n, n]], ARRAY['ok', 'happy']::inventory.mood[],
    json_build_object('n', n, 'name', 'item ' || n), jsonb_build_object('n', n, 'list', jsonb_build_array(n, 'x')),
    DATE '2020-01-01' + n, TIMESTAMP '2020-01-01 00:00:00' + n * interval '1 hour 1.000001 second',
    TIMESTAMPTZ '2020-01-01 00:00:00+00' + n * interval '1 day 1 minute', TIME '00:00' + n * interval '1 minute',
    (TIME '00:00' + n * interval '1 minute')::timetz, n * interval '1 day -1 hour',
    md5('uuid' || n)::uuid,
    ('10.0.' || (n / 256) || '.' || (n % 256))::inet, ('10.' || (n % 256) || '.0.0/16')::cidr,
    ('08:00:2b:00:' || lpad(to_hex(n / 256), 2, '0') || ':' || lpad(to_hex(n % 256), 2, '0'))::macaddr,
    int4range(n, n + 10), tstzrange(TIMESTAMPTZ '2024-01-01 00:00+00' + n * interval '1 day', NULL),
    daterange(DATE '2024-01-01' + n, DATE '2024-01-01' + n + 7, '[]'), inventory.float_range(n, n + 0.5),
    (ARRAY['sad', 'ok', 'happy', 'très bien']::inventory.mood[])[1 + n % 4],
    ROW('Street ' || n, 'City ' || (n % 10), lpad((n % 100000)::text, 5, '0'))::inventory.address, n + 0.99,
    (n % 256)::bit(8), (n % 65536)::bit(16)::varbit, xmlelement(name item, xmlattributes(n AS n), 'text ' || n),
    to_tsvector('simple', 'row number ' || n), point(n, -n), box(point(0, 0), point(n, n)), 'user' || n || '@example.com'
FROM generate_series(1, 200) AS n;

INSERT INTO inventory.products (sku, name, price, quantity, tags, attributes, parent_id, serial_code)
VALUES
    ('ROOT-1', 'Root Product', 100.00, 10, ARRAY['root', 'featured'], '{"color": "red", "size": {"w": 10, "h": 20}}', NULL, DEFAULT),
    ('CHEAP-1', 'Cheap Thing', 1.99, 0, ARRAY[]::text[], '{"colour": "bleu", "note": "l''été"}', NULL, DEFAULT),
    ('NULLS-1', 'Sparse', 0, 1, NULL, NULL, NULL, NULL);
UPDATE inventory.products SET parent_id = (SELECT id FROM inventory.products WHERE sku = 'ROOT-1')
WHERE sku = 'CHEAP-1';

INSERT INTO inventory.products (sku, name, price, quantity, tags, attributes, parent_id)
SELECT 'SKU-' || lpad(n::text, 4, '0'), 'Product ' || n, (n % 50) + 0.5, n % 7, ARRAY['tag' || (n % 5)],
       jsonb_build_object('rank', n, 'even', n % 2 = 0),
       CASE WHEN n % 3 = 0 THEN (SELECT id FROM inventory.products WHERE sku = 'ROOT-1') END
FROM generate_series(1, 150) AS n;

UPDATE inventory.products SET price = price + 1 WHERE sku = 'ROOT-1';

CALL inventory.restock('CHEAP-1', 5);

INSERT INTO inventory.session_cache (key, payload, expires)
SELECT 'session-' || n, CASE WHEN n % 4 = 0 THEN NULL ELSE jsonb_build_object('user', n) END,
       CASE WHEN n % 5 = 0 THEN NULL ELSE TIMESTAMPTZ '2030-01-01 00:00+00' + n * interval '1 minute' END
FROM generate_series(1, 40) AS n;

INSERT INTO inventory.bookings (room, during, note)
VALUES
    (1, '[2024-06-01 14:00+00,2024-06-03 10:00+00)', 'first stay'),
    (1, '[2024-06-03 10:00+00,2024-06-05 10:00+00)', NULL),
    (2, '[2024-06-01 14:00+00,2024-06-03 10:00+00)', 'same dates, another room'),
    (3, '[2024-07-01 00:00+00,)', 'open-ended');

INSERT INTO inventory.vehicles (id, name, wheels, bought)
VALUES (1, 'generic cart', 4, '2001-01-01'), (2, 'unknown', NULL, NULL);
INSERT INTO inventory.cars (id, name, wheels, bought, doors)
VALUES (10, 'Citroën 2CV', 4, '1962-05-01', 4), (11, 'mystery car', NULL, NULL, NULL);
INSERT INTO inventory.bikes (id, name, wheels, bought, gears)
VALUES (20, 'Vélo', 2, '2019-08-15', 21), (21, 'fixie', NULL, NULL, NULL);

INSERT INTO inventory.stock_moves (id, kind, sku, quantity, moved_at)
SELECT n, (ARRAY['in', 'out', 'return'])[1 + n % 3],
       CASE WHEN n % 10 = 0 THEN NULL ELSE 'SKU-' || lpad(n::text, 4, '0') END,
       CASE WHEN n % 11 = 0 THEN NULL ELSE n % 20 END,
       CASE WHEN n % 8 = 0 THEN NULL ELSE TIMESTAMPTZ '2024-01-01 00:00+00' + n * interval '3 hours' END
FROM generate_series(1, 120) AS n;

INSERT INTO inventory.sensor_readings (sensor_id, read_at, value)
SELECT n % 9, TIMESTAMP '2024-01-01 00:00' + n * interval '10 minutes',
       CASE WHEN n % 13 = 0 THEN NULL WHEN n % 17 = 0 THEN 'NaN' ELSE sin(n) * 100 END
FROM generate_series(1, 300) AS n;

INSERT INTO "Sales Dept".customers (email, "Display Name", address, mood, referred_by)
VALUES
    ('alice@example.com', 'Alice', ROW('1 Main St', 'Springfield', '12345'), 'happy', NULL),
    ('BOB@Example.com', 'Bob "the builder"', NULL, 'sad', 1),
    ('chloé@exemple.fr', NULL, ROW('Rue Sainte-Catherine', 'Montréal', NULL), NULL, 1),
    ('taro@example.jp', '山田太郎', ROW('千代田区', '東京', '10000'), 'très bien', 2);

INSERT INTO "Sales Dept".customers (email, "Display Name", mood, referred_by)
SELECT 'customer' || n || '@example.com', 'Customer ' || n, (ARRAY['sad', 'ok', 'happy']::inventory.mood[])[1 + n % 3],
       CASE WHEN n % 2 = 0 THEN 1 END
FROM generate_series(1, 60) AS n;

INSERT INTO "Sales Dept".invoices (customer_id, product_id, amount, issued_on)
SELECT 1 + n % 64, (SELECT min(id) FROM inventory.products) + 2 * (n % 100), (n % 500) + 0.25,
       CASE WHEN n % 9 = 0 THEN NULL ELSE DATE '2024-01-01' + n END
FROM generate_series(1, 100) AS n;
INSERT INTO "Sales Dept".invoices (customer_id, product_id, amount) VALUES (NULL, NULL, 1.00);

INSERT INTO "Sales Dept".orders (id, ordered_on, region, customer_id, amount)
SELECT n,
       DATE '2022-07-01' + (n * 5),
       (ARRAY['eu', 'uk', 'us', 'apac'])[1 + n % 4],
       CASE WHEN n % 7 = 0 THEN NULL ELSE 1 + n % 64 END,
       CASE WHEN n % 10 = 3 THEN NULL ELSE n * 3.25 END
FROM generate_series(1, 250) AS n;

SELECT nextval('inventory.countdown') FROM generate_series(1, 7);
SELECT setval('inventory.serial_codes', 99990, true);
SELECT nextval('inventory.serial_codes') FROM generate_series(1, 4);

-- ---------------------------------------------------------------- materialized views (after the data)

CREATE MATERIALIZED VIEW "Sales Dept".order_totals AS
    SELECT region, count(*) AS orders, sum(amount) AS total
    FROM "Sales Dept".orders
    GROUP BY region
    WITH DATA;
CREATE UNIQUE INDEX order_totals_region ON "Sales Dept".order_totals (region);

CREATE MATERIALIZED VIEW inventory.product_report AS
    SELECT p.sku, inventory.pipe_join(t.tag) AS tags, inventory.price_with_tax(p.price) AS gross
    FROM inventory.products p
    LEFT JOIN LATERAL unnest(p.tags) AS t(tag) ON true
    GROUP BY p.sku, p.price
    WITH NO DATA;

-- ---------------------------------------------------------------- ownership and privileges

ALTER TABLE "Sales Dept".customers OWNER TO lifeboat_test_owner;

GRANT USAGE ON SCHEMA inventory, "Sales Dept" TO lifeboat_test_reader;
GRANT SELECT ON inventory.products TO lifeboat_test_reader;
GRANT SELECT (id, email, "Display Name"), UPDATE ("Display Name") ON "Sales Dept".customers TO lifeboat_test_reader;
GRANT SELECT, INSERT ON "Sales Dept".orders TO lifeboat_test_owner WITH GRANT OPTION;
GRANT USAGE ON SEQUENCE "Sales Dept".invoice_numbers TO lifeboat_test_reader;
REVOKE EXECUTE ON FUNCTION inventory.log_statement() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION inventory.log_statement() TO lifeboat_test_owner;

ALTER DEFAULT PRIVILEGES FOR ROLE lifeboat_test_owner IN SCHEMA "Sales Dept"
    GRANT SELECT ON TABLES TO lifeboat_test_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA inventory
    GRANT USAGE, SELECT ON SEQUENCES TO lifeboat_test_reader;

-- ---------------------------------------------------------------- comments on every kind of object

COMMENT ON EXTENSION citext IS 'case-insensitive text, used by products.name and the email domain';
COMMENT ON SCHEMA inventory IS 'Stock, products and everything about types';
COMMENT ON SCHEMA "Sales Dept" IS 'Ventes – l''équipe commerciale 営業';
COMMENT ON TYPE inventory.mood IS 'how a customer feels';
COMMENT ON TYPE inventory.address IS 'a postal address';
COMMENT ON TYPE inventory.float_range IS 'a range of double precision values';
COMMENT ON DOMAIN inventory.positive_amount IS 'money amount, strictly positive';
COMMENT ON DOMAIN "Sales Dept".email IS 'an e-mail address, compared case-insensitively';
COMMENT ON CONSTRAINT positive_amount_positive ON DOMAIN inventory.positive_amount IS 'zero is not an amount';
COMMENT ON SEQUENCE inventory.serial_codes IS 'cycles through serial codes in steps of five';
COMMENT ON SEQUENCE "Sales Dept".invoice_numbers IS 'invoice numbers, owned by invoices.number';
COMMENT ON TABLE inventory.type_showcase IS 'one column per type family';
COMMENT ON TABLE inventory.products IS 'products on sale';
COMMENT ON TABLE inventory.session_cache IS 'unlogged: lost on crash, by design';
COMMENT ON TABLE inventory.vehicles IS 'inheritance parent';
COMMENT ON TABLE "Sales Dept".orders IS 'orders, partitioned by year then region';
COMMENT ON TABLE "Sales Dept".orders_2024 IS 'a partition that is partitioned again';
COMMENT ON TABLE inventory.sensor_readings IS 'hash-partitioned readings';
COMMENT ON COLUMN inventory.products.total IS 'generated: price times quantity';
COMMENT ON COLUMN "Sales Dept".customers."Display Name" IS 'name shown in the UI; may be NULL';
COMMENT ON COLUMN inventory.type_showcase.body IS E'text with\ttabs and\nnewlines';
COMMENT ON VIEW inventory.cheap_products IS 'products under 10, writable with a check option';
COMMENT ON VIEW inventory.cheap_product_names IS 'a view on a view';
COMMENT ON VIEW "Sales Dept".happy_customers IS 'security barrier view';
COMMENT ON MATERIALIZED VIEW "Sales Dept".order_totals IS 'populated materialized view';
COMMENT ON MATERIALIZED VIEW inventory.product_report IS 'materialized view created WITH NO DATA';
COMMENT ON FUNCTION inventory.price_with_tax(numeric, numeric) IS 'price plus tax, rounded to cents';
COMMENT ON FUNCTION inventory.describe(integer) IS 'overload for integers';
COMMENT ON FUNCTION inventory.describe(text) IS 'overload for text';
COMMENT ON FUNCTION inventory.log_row_change() IS 'trigger function writing to audit_log';
COMMENT ON PROCEDURE inventory.restock(text, integer) IS 'adds stock and records the move';
COMMENT ON AGGREGATE inventory.pipe_join(text) IS 'joins text values with a pipe';
COMMENT ON TRIGGER products_touch_updated_at ON inventory.products IS 'only when the price changes';
COMMENT ON TRIGGER orders_log_row ON "Sales Dept".orders IS 'trigger on a partitioned table';
COMMENT ON RULE audit_log_keep ON inventory.audit_log IS 'the audit log is append-only';
COMMENT ON INDEX inventory.products_out_of_stock IS 'partial index';
COMMENT ON INDEX inventory.audit_log_at_brin IS 'brin index';
COMMENT ON CONSTRAINT products_price_not_negative ON inventory.products IS 'check constraint';
COMMENT ON CONSTRAINT bookings_no_overlap ON inventory.bookings IS 'exclusion constraint';
COMMENT ON CONSTRAINT invoices_product_fk ON "Sales Dept".invoices IS 'deferred foreign key';
COMMENT ON POLICY customers_readable ON "Sales Dept".customers IS 'permissive policy';
COMMENT ON POLICY customers_reader_limits ON "Sales Dept".customers IS 'restrictive policy';

-- a NOT VALID check on an inheritance parent reaches its children (no row breaks it: ExportTest loads the rows of a
-- data-only script after the schema, checks and all, as a data-only pg_restore would)
ALTER TABLE inventory.vehicles ADD CONSTRAINT vehicles_named CHECK (name <> '') NOT VALID;
