-- Generated columns of inheritance children and partitions: inherited as they are, merged with a child's own column
-- of the same name (which takes the parent's expression), on several levels.
CREATE SCHEMA gen;
CREATE TABLE gen.measures (id integer, amount numeric, doubled numeric GENERATED ALWAYS AS (amount * 2) STORED);
COMMENT ON COLUMN gen.measures.doubled IS 'twice the amount';
CREATE TABLE gen.measures_plain (note text) INHERITS (gen.measures);
CREATE TABLE gen.measures_merged (doubled numeric, note text) INHERITS (gen.measures);
CREATE TABLE gen.measures_grandchild (extra integer) INHERITS (gen.measures_merged);
CREATE TABLE gen.readings (id integer, at date, tenth numeric GENERATED ALWAYS AS (id / 10.0) STORED)
    PARTITION BY RANGE (at);
CREATE TABLE gen.readings_2024 PARTITION OF gen.readings FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
INSERT INTO gen.measures (id, amount) VALUES (1, 1.5);
INSERT INTO gen.measures_plain (id, amount, note) VALUES (2, 2.5, 'p');
INSERT INTO gen.measures_merged (id, amount, note) VALUES (3, 3.5, 'm');
INSERT INTO gen.measures_grandchild (id, amount, note, extra) VALUES (4, 4.5, 'g', 4);
INSERT INTO gen.readings (id, at) VALUES (7, '2024-05-01');
