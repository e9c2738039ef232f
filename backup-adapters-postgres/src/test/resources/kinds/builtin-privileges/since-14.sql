-- a function whose signature PostgreSQL 14 changed
GRANT EXECUTE ON FUNCTION pg_catalog.pg_terminate_backend(integer, bigint) TO builtin_operator;
