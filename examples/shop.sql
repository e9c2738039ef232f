-- The sample database behind examples/shop.db, for trying lifeboat:
--   sqlite3 examples/shop.db < examples/shop.sql
-- A small shop: customers, products with full-text search, orders, a view and a trigger.
PRAGMA journal_mode = WAL;
PRAGMA user_version = 3;
PRAGMA foreign_keys = ON;

CREATE TABLE customer (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,
    email   TEXT NOT NULL UNIQUE,
    country TEXT NOT NULL
);
CREATE TABLE product (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    description TEXT NOT NULL,
    price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
    photo       BLOB
);
CREATE TABLE "order" (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer(id),
    placed_at   TEXT NOT NULL,
    total_cents INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE order_line (
    order_id    INTEGER NOT NULL REFERENCES "order"(id) ON DELETE CASCADE,
    product_id  INTEGER NOT NULL REFERENCES product(id),
    quantity    INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, product_id)
) WITHOUT ROWID;
CREATE INDEX order_by_customer ON "order"(customer_id, placed_at);

CREATE VIRTUAL TABLE product_search USING fts5(name, description, content='product', content_rowid='id');
CREATE TRIGGER product_indexed AFTER INSERT ON product BEGIN
    INSERT INTO product_search(rowid, name, description) VALUES (new.id, new.name, new.description);
END;
CREATE TRIGGER order_total AFTER INSERT ON order_line BEGIN
    UPDATE "order" SET total_cents = total_cents
        + new.quantity * (SELECT price_cents FROM product WHERE id = new.product_id)
    WHERE id = new.order_id;
END;
CREATE VIEW revenue_by_country AS
    SELECT c.country, sum(o.total_cents) / 100.0 AS revenue
    FROM "order" o JOIN customer c ON c.id = o.customer_id
    GROUP BY c.country;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
INSERT INTO customer (id, name, email, country)
SELECT i, 'Customer ' || i, 'customer' || i || '@example.com',
       CASE i % 5 WHEN 0 THEN 'NL' WHEN 1 THEN 'DE' WHEN 2 THEN 'FR' WHEN 3 THEN 'JP' ELSE 'BR' END
FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
INSERT INTO product (name, description, price_cents, photo)
SELECT 'Product ' || i, 'A ' || CASE i % 4 WHEN 0 THEN 'sturdy wooden' WHEN 1 THEN 'bright woollen'
       WHEN 2 THEN 'small ceramic' ELSE 'handmade paper' END || ' thing, model ' || i,
       100 * i + 99, CASE WHEN i % 3 = 0 THEN zeroblob(64) ELSE NULL END
FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 150)
INSERT INTO "order" (id, customer_id, placed_at)
SELECT i, 1 + (i * 7) % 60, datetime('2026-01-01', '+' || i || ' hours') FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
INSERT OR IGNORE INTO order_line (order_id, product_id, quantity)
SELECT 1 + i % 150, 1 + (i * 13) % 40, 1 + i % 4 FROM n;
