-- Default privileges (ALTER DEFAULT PRIVILEGES) of several roles, database-wide and for one schema, on every kind of
-- object they cover (tables, sequences, functions, types, schemas; large objects from PostgreSQL 18 on), granted and
-- revoked, with and without grant option, to roles and to PUBLIC; and objects made after them, which took them.
DO $$ BEGIN
    CREATE ROLE lifeboat_kind_defacl_owner NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
DO $$ BEGIN
    CREATE ROLE lifeboat_kind_defacl_admin NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
DO $$ BEGIN
    CREATE ROLE lifeboat_kind_defacl_reader NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
DO $$ BEGIN
    CREATE ROLE "lifeboat kind defacl Writer" NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
CREATE SCHEMA app AUTHORIZATION lifeboat_kind_defacl_owner;
CREATE SCHEMA "Other Schema" AUTHORIZATION lifeboat_kind_defacl_admin;

-- database-wide: these replace the built-in defaults of the role
ALTER DEFAULT PRIVILEGES FOR ROLE lifeboat_kind_defacl_owner
    GRANT SELECT ON TABLES TO lifeboat_kind_defacl_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE lifeboat_kind_defacl_owner
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "lifeboat kind defacl Writer" WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES FOR ROLE lifeboat_kind_defacl_owner
    GRANT USAGE ON SEQUENCES TO "lifeboat kind defacl Writer";
ALTER DEFAULT PRIVILEGES FOR ROLE lifeboat_kind_defacl_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE lifeboat_kind_defacl_owner
    GRANT EXECUTE ON FUNCTIONS TO lifeboat_kind_defacl_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE lifeboat_kind_defacl_owner REVOKE USAGE ON TYPES FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE lifeboat_kind_defacl_owner GRANT USAGE ON SCHEMAS TO lifeboat_kind_defacl_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE lifeboat_kind_defacl_owner
    GRANT CREATE ON SCHEMAS TO "lifeboat kind defacl Writer" WITH GRANT OPTION;
-- for one schema: these add to the defaults
ALTER DEFAULT PRIVILEGES FOR ROLE lifeboat_kind_defacl_owner IN SCHEMA app
    GRANT SELECT, UPDATE ON SEQUENCES TO lifeboat_kind_defacl_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE lifeboat_kind_defacl_owner IN SCHEMA app
    GRANT EXECUTE ON ROUTINES TO "lifeboat kind defacl Writer";
ALTER DEFAULT PRIVILEGES FOR ROLE lifeboat_kind_defacl_owner IN SCHEMA app
    GRANT USAGE ON TYPES TO lifeboat_kind_defacl_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE lifeboat_kind_defacl_owner IN SCHEMA app
    GRANT TRUNCATE, REFERENCES, TRIGGER ON TABLES TO lifeboat_kind_defacl_admin;
-- another role, database-wide and in two schemas
ALTER DEFAULT PRIVILEGES FOR ROLE lifeboat_kind_defacl_admin GRANT ALL ON TABLES TO lifeboat_kind_defacl_owner;
ALTER DEFAULT PRIVILEGES FOR ROLE lifeboat_kind_defacl_admin IN SCHEMA "Other Schema"
    GRANT SELECT ON TABLES TO PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE lifeboat_kind_defacl_admin IN SCHEMA "Other Schema", app
    GRANT USAGE ON SEQUENCES TO lifeboat_kind_defacl_reader WITH GRANT OPTION;
-- the role that loads the fixture
ALTER DEFAULT PRIVILEGES GRANT SELECT ON SEQUENCES TO lifeboat_kind_defacl_reader;

-- objects the roles made after that, which took the defaults as their privileges
SET ROLE lifeboat_kind_defacl_owner;
CREATE TABLE app.orders (id integer PRIMARY KEY, total numeric NOT NULL);
CREATE SEQUENCE app.order_numbers;
CREATE TYPE app.state AS ENUM ('open', 'paid');
CREATE FUNCTION app.order_count() RETURNS bigint LANGUAGE sql STABLE AS 'SELECT count(*) FROM app.orders';
RESET ROLE;
SET ROLE lifeboat_kind_defacl_admin;
CREATE TABLE "Other Schema".notes (id integer PRIMARY KEY, note text);
CREATE SEQUENCE "Other Schema".note_numbers;
RESET ROLE;
INSERT INTO app.orders VALUES (1, 10.50), (2, 7.25);
INSERT INTO "Other Schema".notes VALUES (1, 'first');
