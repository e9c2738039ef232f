-- NOT NULL on the columns of tables, inheritance children, partitions and typed tables, as every server makes them:
-- declared with the column, inherited, merged with an inherited column, set on an inherited column, from the second
-- of two parents, on a partition, and on a table and column whose default constraint name (PostgreSQL 18) is cut.
CREATE SCHEMA nn;
CREATE TABLE nn.people (id integer NOT NULL, name text NOT NULL, nick text);
-- inherited as they are
CREATE TABLE nn.staff (badge integer NOT NULL) INHERITS (nn.people);
-- merged with a NOT NULL of the child's own
CREATE TABLE nn.contractors (name text NOT NULL, agency text) INHERITS (nn.people);
-- merged: the parent's column may be null, the child's may not
CREATE TABLE nn.volunteers (nick text NOT NULL) INHERITS (nn.people);
-- an inherited column made NOT NULL in the child alone
CREATE TABLE nn.interns () INHERITS (nn.people);
ALTER TABLE nn.interns ALTER COLUMN nick SET NOT NULL;
-- two parents: the column is NOT NULL in the second only
CREATE TABLE nn.tagged (id integer, tag text);
CREATE TABLE nn.tagged_people () INHERITS (nn.tagged, nn.people);
COMMENT ON COLUMN nn.tagged_people.id IS 'never null, from people';

CREATE TABLE nn.readings (at date NOT NULL, sensor integer, value numeric) PARTITION BY RANGE (at);
CREATE TABLE nn.readings_2024 PARTITION OF nn.readings FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE nn.readings_2024 ALTER COLUMN sensor SET NOT NULL;

CREATE TYPE nn.point3 AS (x integer, y integer, z integer);
CREATE TABLE nn.points OF nn.point3 (x WITH OPTIONS NOT NULL);

CREATE TABLE nn.a_table_whose_name_is_long_enough_to_be_shortened (
    a_column_whose_name_is_long_enough_to_be_cut_too integer NOT NULL, short integer NOT NULL);

INSERT INTO nn.people VALUES (1, 'ann', NULL);
INSERT INTO nn.staff VALUES (2, 'bob', NULL, 7);
INSERT INTO nn.contractors VALUES (3, 'cid', 'c', 'agency');
INSERT INTO nn.volunteers VALUES (4, 'dee', 'd');
INSERT INTO nn.interns VALUES (5, 'eve', 'e');
INSERT INTO nn.tagged_people VALUES (6, 'tag', 'fay', NULL);
INSERT INTO nn.readings VALUES ('2024-02-01', 1, 1.5);
INSERT INTO nn.points VALUES (1, NULL, 3);
INSERT INTO nn.a_table_whose_name_is_long_enough_to_be_shortened VALUES (1, 2);
