-- Column and index settings that live outside CREATE TABLE: options, statistics targets, storage, CLUSTER ON,
-- on tables, partitions, materialized views and indexes.
CREATE SCHEMA settings;
CREATE TABLE settings.readings (id integer PRIMARY KEY, city text, value double precision, note text);
ALTER TABLE settings.readings ALTER COLUMN city SET (n_distinct = 250);
ALTER TABLE settings.readings ALTER COLUMN value SET (n_distinct = -0.5, n_distinct_inherited = -0.25);
ALTER TABLE settings.readings ALTER COLUMN city SET STATISTICS 500;
ALTER TABLE settings.readings ALTER COLUMN note SET STORAGE EXTERNAL;
ALTER TABLE settings.readings CLUSTER ON readings_pkey;
CREATE INDEX readings_lower_city ON settings.readings (lower(city), (value * 2));
ALTER INDEX settings.readings_lower_city ALTER COLUMN 1 SET STATISTICS 321;
ALTER INDEX settings.readings_lower_city ALTER COLUMN 2 SET STATISTICS 42;
INSERT INTO settings.readings SELECT i, 'city ' || (i % 7), i / 3.0, repeat('n', i) FROM generate_series(1, 50) i;

CREATE TABLE settings.events (id integer, at date NOT NULL, kind text) PARTITION BY RANGE (at);
CREATE TABLE settings.events_2024 PARTITION OF settings.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE settings.events_2025 PARTITION OF settings.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
ALTER TABLE settings.events_2024 ALTER COLUMN kind SET (n_distinct = 3);
ALTER TABLE settings.events_2025 ALTER COLUMN kind SET STATISTICS 77;
CREATE INDEX events_kind ON settings.events_2024 (kind);
ALTER TABLE settings.events_2024 CLUSTER ON events_kind;
INSERT INTO settings.events VALUES (1, '2024-03-01', 'a'), (2, '2025-03-01', 'b');

CREATE MATERIALIZED VIEW settings.city_counts AS SELECT city, count(*) AS readings FROM settings.readings GROUP BY city;
ALTER MATERIALIZED VIEW settings.city_counts ALTER COLUMN city SET STATISTICS 60;
ALTER MATERIALIZED VIEW settings.city_counts ALTER COLUMN city SET (n_distinct = 7);
CREATE UNIQUE INDEX city_counts_city ON settings.city_counts (city);
ALTER MATERIALIZED VIEW settings.city_counts CLUSTER ON city_counts_city;

-- a partitioned table's column settings: partitions start with its storage; one goes back to the type's
CREATE TABLE settings.logs (id integer, body text, extra text) PARTITION BY LIST (id);
ALTER TABLE settings.logs ALTER COLUMN body SET STORAGE EXTERNAL;
ALTER TABLE settings.logs ALTER COLUMN body SET (n_distinct = 9);
ALTER TABLE settings.logs ALTER COLUMN body SET STATISTICS 99;
CREATE TABLE settings.logs_1 PARTITION OF settings.logs FOR VALUES IN (1);
CREATE TABLE settings.logs_2 PARTITION OF settings.logs FOR VALUES IN (2);
ALTER TABLE ONLY settings.logs_2 ALTER COLUMN body SET STORAGE EXTENDED;
ALTER TABLE settings.logs_2 ALTER COLUMN extra SET STORAGE MAIN;
ALTER TABLE settings.logs_1 ALTER COLUMN body SET (n_distinct_inherited = 4);
ALTER TABLE settings.logs_1 ALTER COLUMN extra SET STATISTICS 0;
INSERT INTO settings.logs VALUES (1, 'one', 'x'), (2, 'two', 'y');

-- inheritance: children start with the parent's storage, a merged column too
CREATE TABLE settings.base (id integer, payload text);
ALTER TABLE settings.base ALTER COLUMN payload SET STORAGE MAIN;
CREATE TABLE settings.derived (payload text, more text) INHERITS (settings.base);
CREATE TABLE settings.derived_plain (more text) INHERITS (settings.base);
ALTER TABLE ONLY settings.derived_plain ALTER COLUMN payload SET STORAGE EXTENDED;
ALTER TABLE settings.derived ALTER COLUMN more SET (n_distinct = -1);
INSERT INTO settings.derived VALUES (1, 'p', 'm');
INSERT INTO settings.derived_plain VALUES (2, 'q', 'n');

-- statistics targets of a partitioned index and of one of the indexes it made; CLUSTER ON a unique constraint's
-- index and on a partition's index
CREATE INDEX events_lower_kind ON settings.events (lower(kind));
ALTER INDEX settings.events_lower_kind ALTER COLUMN 1 SET STATISTICS 11;
ALTER INDEX settings.events_2025_lower_idx ALTER COLUMN 1 SET STATISTICS 12;
ALTER TABLE settings.events_2025 CLUSTER ON events_2025_lower_idx;
CREATE TABLE settings.codes (code text CONSTRAINT codes_code_key UNIQUE, label text);
ALTER TABLE settings.codes CLUSTER ON codes_code_key;
INSERT INTO settings.codes VALUES ('a', 'A'), ('b', 'B');
CREATE INDEX city_counts_double ON settings.city_counts ((readings * 2), city);
ALTER INDEX settings.city_counts_double ALTER COLUMN 1 SET STATISTICS 5;
COMMENT ON INDEX settings.city_counts_double IS 'doubled';
