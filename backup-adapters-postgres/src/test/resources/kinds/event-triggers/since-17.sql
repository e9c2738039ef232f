-- Login event triggers (PostgreSQL 17 on). One is the PostgreSQL documentation's: it logs each login into a table,
-- here of every role but the one that made the fixture (which backs it up and compares it, so that its data stays as
-- backed up). A restore that checked its database with it on would find rows that the backup does not have, and one
-- run by a role it logs did; it is made disabled and switched on once the check has passed. Another does nothing and
-- is disabled. Last, a DDL trigger refuses every command: a restore makes it after all its own DDL.
CREATE TABLE audit.logins (role name NOT NULL, at timestamptz NOT NULL DEFAULT pg_catalog.now());
CREATE TABLE audit.not_logged (role name PRIMARY KEY);
INSERT INTO audit.not_logged VALUES (CURRENT_USER);
CREATE FUNCTION audit.log_login() RETURNS event_trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM audit.not_logged WHERE role = session_user) THEN
        INSERT INTO audit.logins (role) VALUES (session_user);
    END IF;
END $$;
CREATE EVENT TRIGGER log_logins ON login EXECUTE FUNCTION audit.log_login();
COMMENT ON EVENT TRIGGER log_logins IS 'logs every login but the administrator''s';
CREATE FUNCTION audit.on_login() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
    NULL;
END $$;
CREATE EVENT TRIGGER on_login ON login EXECUTE FUNCTION audit.on_login();
ALTER EVENT TRIGGER on_login DISABLE;
COMMENT ON EVENT TRIGGER on_login IS 'fires on every connection, once enabled';
CREATE FUNCTION audit.refuse_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'no DDL in this database (%)', tg_tag;
END $$;
CREATE EVENT TRIGGER refuse_every_command ON ddl_command_start EXECUTE FUNCTION audit.refuse_ddl();
COMMENT ON EVENT TRIGGER refuse_every_command IS 'no DDL at all';
