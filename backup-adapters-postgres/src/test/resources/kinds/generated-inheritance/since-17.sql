-- children with generation expressions of their own (PostgreSQL 16 lets a child's column have one, 17 lets
-- ALTER TABLE ... SET EXPRESSION give one to an inherited column, and ATTACH PARTITION keeps a partition's)
CREATE TABLE gen.measures_own (doubled numeric GENERATED ALWAYS AS (amount * 3) STORED) INHERITS (gen.measures);
CREATE TABLE gen.measures_changed (note text) INHERITS (gen.measures);
ALTER TABLE gen.measures_changed ALTER COLUMN doubled SET EXPRESSION AS (amount * 4);
CREATE TABLE gen.measures_changed_child () INHERITS (gen.measures_changed);
CREATE TABLE gen.measures_changed_again () INHERITS (gen.measures_changed);
ALTER TABLE gen.measures_changed_again ALTER COLUMN doubled SET EXPRESSION AS (amount * 5);
CREATE TABLE gen.readings_2025 (id integer, at date, tenth numeric GENERATED ALWAYS AS (id / 100.0) STORED);
ALTER TABLE gen.readings ATTACH PARTITION gen.readings_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE gen.readings_2026 PARTITION OF gen.readings FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
ALTER TABLE gen.readings_2026 ALTER COLUMN tenth SET EXPRESSION AS (id / 1000.0);
INSERT INTO gen.measures_own (id, amount) VALUES (5, 5.5);
INSERT INTO gen.measures_changed (id, amount) VALUES (6, 6.5);
INSERT INTO gen.measures_changed_child (id, amount) VALUES (7, 7.5);
INSERT INTO gen.measures_changed_again (id, amount) VALUES (8, 8.5);
INSERT INTO gen.readings (id, at) VALUES (8, '2025-05-01'), (9, '2026-05-01');
