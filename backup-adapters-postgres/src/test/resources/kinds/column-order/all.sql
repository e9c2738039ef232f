-- Partitions and inheritance children whose columns are in another order than PARTITION OF or INHERITS gives.
CREATE SCHEMA ord;
CREATE TABLE ord.events (id integer NOT NULL, at date, kind text DEFAULT 'x', CONSTRAINT events_positive CHECK (id > 0))
    PARTITION BY RANGE (at);
COMMENT ON COLUMN ord.events.kind IS 'what happened';
-- made on its own with its own default, then attached
CREATE TABLE ord.events_2024 (kind text DEFAULT 'y', at date, id integer NOT NULL, CONSTRAINT events_positive CHECK (id > 0),
    CONSTRAINT events_2024_small CHECK (id < 1000));
ALTER TABLE ord.events_2024 ALTER COLUMN kind SET STATISTICS 50;
COMMENT ON COLUMN ord.events_2024.kind IS 'this year''s';
ALTER TABLE ord.events ATTACH PARTITION ord.events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE ord.events_2025 PARTITION OF ord.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
-- a partitioned partition in its own order, with a partition of its own
CREATE TABLE ord.events_2026 (at date, id integer NOT NULL, kind text, CONSTRAINT events_positive CHECK (id > 0))
    PARTITION BY LIST (kind);
ALTER TABLE ord.events ATTACH PARTITION ord.events_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE ord.events_2026_a PARTITION OF ord.events_2026 FOR VALUES IN ('a');
CREATE TABLE ord.events_other (kind text, id integer NOT NULL, at date, CONSTRAINT events_positive CHECK (id > 0));
ALTER TABLE ord.events ATTACH PARTITION ord.events_other DEFAULT;
INSERT INTO ord.events (id, at, kind) VALUES (1, '2024-02-01', 'a'), (2, '2025-02-01', 'b'), (3, '2026-02-01', 'a'),
    (4, '2030-01-01', 'z');
INSERT INTO ord.events (id, at) VALUES (5, '2024-03-01');

-- a table made on its own and given a parent with INHERIT: all its columns are its own
CREATE TABLE ord.base (id integer NOT NULL, name text, CONSTRAINT base_id CHECK (id > 0));
CREATE TABLE ord.adopted (extra text, name text, id integer NOT NULL, CONSTRAINT base_id CHECK (id > 0));
ALTER TABLE ord.adopted INHERIT ord.base;
CREATE TABLE ord.adopted_child () INHERITS (ord.adopted);
INSERT INTO ord.base VALUES (1, 'base');
INSERT INTO ord.adopted VALUES ('e', 'adopted', 2);
INSERT INTO ord.adopted_child VALUES ('f', 'grandchild', 3);

-- a parent that got columns after its child was made: the child's inherited columns come after its own
CREATE TABLE ord.animals (id integer NOT NULL, name text, CONSTRAINT animals_id CHECK (id > 0));
CREATE TABLE ord.dogs (breed text DEFAULT 'mixed', CONSTRAINT dogs_breed CHECK (breed <> '')) INHERITS (ord.animals);
-- a child whose CHECK constraint is both its own and inherited
CREATE TABLE ord.birds (wingspan numeric, CONSTRAINT animals_id CHECK (id > 0)) INHERITS (ord.animals);
ALTER TABLE ord.animals ADD COLUMN born date DEFAULT '2020-01-01';
ALTER TABLE ord.animals ADD COLUMN weight numeric CONSTRAINT animals_weight CHECK (weight > 0);
ALTER TABLE ord.dogs ADD COLUMN trained boolean;
ALTER TABLE ord.dogs ALTER COLUMN born SET DEFAULT '2021-01-01';
COMMENT ON COLUMN ord.dogs.weight IS 'in kilograms';
CREATE TABLE ord.puppies () INHERITS (ord.dogs);
CREATE TABLE ord.cats (indoor boolean) INHERITS (ord.animals);
INSERT INTO ord.animals (id, name) VALUES (1, 'generic');
INSERT INTO ord.dogs (id, name, breed, weight, trained) VALUES (2, 'rex', 'collie', 20.5, true);
INSERT INTO ord.puppies (id, name, weight) VALUES (3, 'bit', 2);
INSERT INTO ord.cats (id, name, indoor) VALUES (4, 'tom', true);
INSERT INTO ord.birds (id, name, wingspan, weight) VALUES (5, 'tweety', 0.2, 0.1);
