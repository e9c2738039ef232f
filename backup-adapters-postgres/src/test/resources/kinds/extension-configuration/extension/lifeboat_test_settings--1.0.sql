-- the extension's own rows are standard; what users add is theirs, and is backed up with their database
CREATE TABLE @extschema@.setting (
    id integer PRIMARY KEY,
    name text NOT NULL UNIQUE,
    value text,
    standard boolean NOT NULL DEFAULT false,
    shouted text GENERATED ALWAYS AS (upper(name)) STORED
);
INSERT INTO @extschema@.setting (id, name, value, standard) VALUES (1, 'timezone', 'UTC', true),
    (2, 'currency', 'EUR', true);
SELECT pg_catalog.pg_extension_config_dump('@extschema@.setting', 'WHERE NOT standard');
CREATE TABLE @extschema@.audit (at timestamptz NOT NULL DEFAULT now(), note text);
SELECT pg_catalog.pg_extension_config_dump('@extschema@.audit', '');
CREATE SEQUENCE @extschema@.ticket;
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ticket', '');
CREATE FUNCTION @extschema@.lookup(text) RETURNS text LANGUAGE sql STABLE
    AS $$ SELECT value FROM @extschema@.setting WHERE name = $1 $$;
