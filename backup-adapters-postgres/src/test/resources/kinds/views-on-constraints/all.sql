-- Views and materialized views whose GROUP BY relies on a primary key (functional
-- dependency), and objects that depend on them.
DO $$ BEGIN CREATE ROLE views_reader NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE SCHEMA fd;
CREATE TABLE fd.customers (id integer PRIMARY KEY, name text COLLATE "C", city varchar(40));
CREATE TABLE fd.products (sku text CONSTRAINT products_sku PRIMARY KEY, title text, price numeric(10, 2));
CREATE TABLE fd.orders (id integer PRIMARY KEY, customer_id integer REFERENCES fd.customers, sku text, quantity integer);
INSERT INTO fd.customers VALUES (1, 'Ann', 'Oslo'), (2, 'Bob', 'Bergen');
INSERT INTO fd.products VALUES ('p1', 'Pen', 1.50), ('p2', 'Ink', 3.25);
INSERT INTO fd.orders VALUES (1, 1, 'p1', 2), (2, 1, 'p2', 1), (3, 2, 'p1', 5);

-- a view grouping by the primary key and selecting other columns of the table
CREATE VIEW fd.customer_totals WITH (security_barrier = true) AS
    SELECT c.id, c.name, c.city, sum(o.quantity) AS quantity
    FROM fd.customers c JOIN fd.orders o ON o.customer_id = c.id GROUP BY c.id;
COMMENT ON VIEW fd.customer_totals IS 'per customer';
COMMENT ON COLUMN fd.customer_totals.name IS 'the customer''s name';
ALTER VIEW fd.customer_totals ALTER COLUMN quantity SET DEFAULT 0;
GRANT USAGE ON SCHEMA fd TO views_reader;
GRANT SELECT ON fd.customers, fd.orders TO views_reader;
ALTER VIEW fd.customer_totals OWNER TO views_reader;
GRANT SELECT ON fd.customer_totals TO PUBLIC;

-- a view on a named primary key, a view that depends on it, and a view with a check option
CREATE VIEW fd.product_sales AS
    SELECT p.sku, p.title, p.price, count(o.id) AS orders
    FROM fd.products p LEFT JOIN fd.orders o ON o.sku = p.sku GROUP BY p.sku;
CREATE VIEW fd.best_sellers AS SELECT sku, title FROM fd.product_sales WHERE orders > 1;
CREATE VIEW fd.cheap_products AS SELECT sku, title, price FROM fd.products WHERE price < 2 WITH CASCADED CHECK OPTION;

-- a function returning the view's row type, and one taking it
CREATE FUNCTION fd.totals_of(integer) RETURNS SETOF fd.customer_totals LANGUAGE sql STABLE
    AS $$ SELECT * FROM fd.customer_totals WHERE id = $1 $$;
CREATE FUNCTION fd.label(t fd.customer_totals) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT t.name || ':' || t.quantity $$;

-- materialized views: one relying on the primary key, populated and indexed; one on it; one left unpopulated
CREATE MATERIALIZED VIEW fd.customer_cities AS
    SELECT c.id, c.city, count(o.id) AS orders FROM fd.customers c LEFT JOIN fd.orders o ON o.customer_id = c.id
    GROUP BY c.id;
CREATE UNIQUE INDEX customer_cities_id ON fd.customer_cities (id);
ALTER MATERIALIZED VIEW fd.customer_cities CLUSTER ON customer_cities_id;
ALTER MATERIALIZED VIEW fd.customer_cities ALTER COLUMN city SET STATISTICS 30;
COMMENT ON MATERIALIZED VIEW fd.customer_cities IS 'cities';
GRANT SELECT ON fd.customer_cities TO views_reader;
CREATE MATERIALIZED VIEW fd.busy_cities AS SELECT city, sum(orders) AS orders FROM fd.customer_cities GROUP BY city;
CREATE VIEW fd.busy_city_names AS SELECT city FROM fd.busy_cities;
CREATE MATERIALIZED VIEW fd.product_titles AS SELECT p.sku, p.title FROM fd.products p GROUP BY p.sku WITH NO DATA;
-- a plain materialized view that the postponed view feeds, through its placeholder
CREATE MATERIALIZED VIEW fd.top_customers AS SELECT id, name FROM fd.customer_totals WHERE quantity > 2;
-- a view reading a postponed materialized view, and a materialized view reading that view: refreshed after it
CREATE VIEW fd.city_orders AS SELECT city, orders FROM fd.customer_cities;
CREATE MATERIALIZED VIEW fd.city_order_totals AS SELECT sum(orders) AS orders FROM fd.city_orders;
