-- column compression (PostgreSQL 14 on) on tables, partitions and materialized views
ALTER TABLE settings.readings ALTER COLUMN note SET COMPRESSION pglz;
ALTER TABLE settings.events_2025 ALTER COLUMN kind SET COMPRESSION pglz;
ALTER MATERIALIZED VIEW settings.city_counts ALTER COLUMN city SET COMPRESSION pglz;
-- a partition goes back to the default compression its partitioned table does not use
ALTER TABLE settings.logs ALTER COLUMN extra SET COMPRESSION pglz;
CREATE TABLE settings.logs_3 PARTITION OF settings.logs FOR VALUES IN (3);
CREATE TABLE settings.logs_4 PARTITION OF settings.logs FOR VALUES IN (4);
ALTER TABLE settings.logs_4 ALTER COLUMN extra SET COMPRESSION default;
ALTER TABLE settings.base ALTER COLUMN payload SET COMPRESSION pglz;
CREATE TABLE settings.derived_late (note text) INHERITS (settings.base);
ALTER TABLE settings.derived_late ALTER COLUMN payload SET COMPRESSION default;
INSERT INTO settings.logs VALUES (3, 'three', 'z'), (4, 'four', 'w');
