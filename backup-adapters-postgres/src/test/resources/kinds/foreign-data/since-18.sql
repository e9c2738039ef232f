-- PostgreSQL 18: a virtual generated column and NOT NULL constraints with names, NO INHERIT and NOT VALID on a
-- foreign table
CREATE FOREIGN TABLE remote.rates (id integer CONSTRAINT rates_id_required NOT NULL, base numeric,
    doubled numeric GENERATED ALWAYS AS (base * 2), label text NOT NULL NO INHERIT) SERVER bare_server;
ALTER FOREIGN TABLE remote.rates ADD CONSTRAINT rates_base_present NOT NULL base NOT VALID;
COMMENT ON CONSTRAINT rates_id_required ON remote.rates IS 'always';
