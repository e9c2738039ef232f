-- virtual generated columns (PostgreSQL 18, where GENERATED ALWAYS AS (...) is VIRTUAL unless STORED is said), one
-- NOT NULL, next to a stored one, inherited, merged, with a child's own expression, and on partitions, one attached
-- with its columns in another order and an expression of its own
CREATE TABLE gen.prices (id integer, net numeric, gross numeric GENERATED ALWAYS AS (net * 1.2),
    rounded numeric GENERATED ALWAYS AS (round(net)) VIRTUAL NOT NULL, taxed numeric GENERATED ALWAYS AS (net * 0.2) STORED);
COMMENT ON COLUMN gen.prices.gross IS 'computed when read';
CREATE TABLE gen.prices_plain (note text) INHERITS (gen.prices);
CREATE TABLE gen.prices_merged (gross numeric, note text) INHERITS (gen.prices);
CREATE TABLE gen.prices_own (gross numeric GENERATED ALWAYS AS (net * 1.5)) INHERITS (gen.prices);
CREATE TABLE gen.prices_changed () INHERITS (gen.prices);
ALTER TABLE gen.prices_changed ALTER COLUMN gross SET EXPRESSION AS (net * 2);
CREATE TABLE gen.quotes (id integer, at date, doubled integer GENERATED ALWAYS AS (id * 2)) PARTITION BY RANGE (at);
CREATE TABLE gen.quotes_2024 PARTITION OF gen.quotes FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE gen.quotes_2025 (doubled integer GENERATED ALWAYS AS (id * 3), id integer, at date);
ALTER TABLE gen.quotes ATTACH PARTITION gen.quotes_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
INSERT INTO gen.prices (id, net) VALUES (1, 10);
INSERT INTO gen.prices_plain (id, net, note) VALUES (2, 20, 'p');
INSERT INTO gen.prices_merged (id, net, note) VALUES (3, 30, 'm');
INSERT INTO gen.prices_own (id, net) VALUES (4, 40);
INSERT INTO gen.prices_changed (id, net) VALUES (5, 50);
INSERT INTO gen.quotes (id, at) VALUES (1, '2024-03-01'), (2, '2025-03-01');
