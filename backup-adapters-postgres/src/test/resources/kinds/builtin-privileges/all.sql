-- Privileges changed on objects the database did not create: pg_catalog's functions, tables and columns, types,
-- languages, the pg_catalog and information_schema schemas, and members of extensions.
DO $$ BEGIN CREATE ROLE builtin_operator NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE builtin_auditor NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

REVOKE EXECUTE ON FUNCTION pg_catalog.pg_sleep(double precision) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pg_catalog.pg_sleep(double precision) TO builtin_operator;
GRANT EXECUTE ON FUNCTION pg_catalog.pg_stat_reset() TO builtin_operator WITH GRANT OPTION;
REVOKE EXECUTE ON FUNCTION pg_catalog.pg_stat_reset() FROM postgres;
GRANT SELECT ON pg_catalog.pg_statistic TO builtin_auditor;
GRANT SELECT (rolname, rolcanlogin) ON pg_catalog.pg_authid TO builtin_auditor;
REVOKE SELECT ON pg_catalog.pg_settings FROM PUBLIC;
GRANT SELECT, UPDATE ON pg_catalog.pg_settings TO builtin_operator;
REVOKE SELECT ON information_schema.sql_features FROM PUBLIC;
REVOKE USAGE ON LANGUAGE sql FROM PUBLIC;
GRANT USAGE ON LANGUAGE sql TO builtin_operator;
REVOKE USAGE ON LANGUAGE plpgsql FROM PUBLIC;
GRANT USAGE ON LANGUAGE plpgsql TO builtin_auditor WITH GRANT OPTION;
REVOKE USAGE ON TYPE pg_catalog.money FROM PUBLIC;
GRANT USAGE ON TYPE pg_catalog.money TO builtin_auditor;
GRANT USAGE ON SCHEMA pg_catalog TO builtin_auditor WITH GRANT OPTION;
GRANT CREATE ON SCHEMA information_schema TO builtin_operator;

-- extension members: ones whose script set privileges (pg_init_privs privtype 'e') and ones it did not
CREATE SCHEMA ext;
CREATE EXTENSION pg_trgm WITH SCHEMA ext;
REVOKE EXECUTE ON FUNCTION ext.similarity(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ext.similarity(text, text) TO builtin_operator;
CREATE EXTENSION pg_buffercache WITH SCHEMA ext;
GRANT SELECT ON ext.pg_buffercache TO builtin_auditor;
REVOKE ALL ON FUNCTION ext.pg_buffercache_pages() FROM pg_monitor;
GRANT EXECUTE ON FUNCTION ext.pg_buffercache_pages() TO builtin_operator;
CREATE EXTENSION pg_stat_statements WITH SCHEMA ext;
REVOKE SELECT ON ext.pg_stat_statements FROM PUBLIC;
GRANT SELECT (query, calls) ON ext.pg_stat_statements TO builtin_auditor;

CREATE TABLE ext.words (id integer, word text);
INSERT INTO ext.words VALUES (1, 'alpha'), (2, 'beta');
