-- Functions whose SQL-standard body relies on a primary key (a GROUP BY on the key, which PostgreSQL accepts
-- because the key makes the other columns functionally dependent): the key exists only after the data, so they are
-- created after it, and a trigger can still use one. SQL-standard bodies exist from PostgreSQL 14 on: before that,
-- the tables alone.
CREATE SCHEMA keyed;
CREATE TABLE keyed.orders (id integer PRIMARY KEY, customer text NOT NULL, amount numeric(10, 2));
INSERT INTO keyed.orders VALUES (1, 'ann', 10.5), (2, 'bob', 20), (3, 'ann', 7.25);
CREATE TABLE keyed.audit (at integer, note text);
