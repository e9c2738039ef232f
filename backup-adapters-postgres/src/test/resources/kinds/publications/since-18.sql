-- PostgreSQL 18 on: generated columns published.
CREATE TABLE shop.with_generated (id integer PRIMARY KEY, doubled integer GENERATED ALWAYS AS (id * 2) STORED);
INSERT INTO shop.with_generated VALUES (1), (2);
CREATE PUBLICATION generated_too FOR TABLE shop.with_generated WITH (publish_generated_columns = stored);
