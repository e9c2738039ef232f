-- PostgreSQL 15 on: column lists, row filters and whole schemas.
CREATE SCHEMA reporting;
CREATE TABLE reporting.daily (day date PRIMARY KEY, orders integer);
INSERT INTO reporting.daily VALUES ('2024-01-01', 3);
CREATE PUBLICATION filtered FOR TABLE shop.orders (id, total) WHERE (total > 100), shop.customers WHERE (name IS NOT NULL)
    WITH (publish = 'insert');
CREATE PUBLICATION by_schema FOR TABLES IN SCHEMA reporting, shop WITH (publish = 'insert, update');
CREATE PUBLICATION mixed FOR TABLES IN SCHEMA reporting, TABLE shop.audit;
COMMENT ON PUBLICATION by_schema IS 'two whole schemas';
