-- The database's own state: its settings, settings of roles in it, its comment, privileges, owner and connection
-- limit. The database is named through current_database(), since every test database has a name of its own. A
-- setting's value and the comment hold the text a restore puts the database's name in for (:"DBNAME"), which they
-- keep as it is.
DO $$ BEGIN
    CREATE ROLE lifeboat_kind_app NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
DO $$ BEGIN
    CREATE ROLE lifeboat_kind_report NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
DO $$ BEGIN
    CREATE ROLE lifeboat_kind_database_owner NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET search_path TO app, "Odd Schema", public', current_database());
    EXECUTE format('ALTER DATABASE %I SET work_mem = %L', current_database(), '12MB');
    EXECUTE format('ALTER DATABASE %I SET default_transaction_read_only = on', current_database());
    EXECUTE format('ALTER DATABASE %I SET lifeboat.tenant = %L', current_database(), 'it''s "quoted"');
    EXECUTE format('ALTER DATABASE %I SET DateStyle = %L', current_database(), 'SQL, DMY');
    EXECUTE format('ALTER DATABASE %I SET lifeboat.greeting = %L', current_database(),
        'psql says :"DBNAME" for ALTER DATABASE :"DBNAME"');
    EXECUTE format('ALTER ROLE lifeboat_kind_app IN DATABASE %I SET statement_timeout = %L', current_database(), '5s');
    EXECUTE format('ALTER ROLE lifeboat_kind_app IN DATABASE %I SET lifeboat.jwt_secret = %L', current_database(),
        'DATABASE :"DBNAME" is no secret');
    EXECUTE format('ALTER ROLE lifeboat_kind_report IN DATABASE %I SET search_path = %L', current_database(), '');
    EXECUTE format('COMMENT ON DATABASE %I IS %L', current_database(), 'the shop''s database (DATABASE :"DBNAME")');
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO lifeboat_kind_app', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO lifeboat_kind_report WITH GRANT OPTION', current_database());
    EXECUTE format('ALTER DATABASE %I OWNER TO lifeboat_kind_database_owner', current_database());
    EXECUTE format('ALTER DATABASE %I CONNECTION LIMIT 40', current_database());
END
$$;
CREATE SCHEMA app;
CREATE SCHEMA "Odd Schema";
CREATE TABLE app.items (id integer PRIMARY KEY, name text);
INSERT INTO app.items VALUES (1, 'one'), (2, 'two');
