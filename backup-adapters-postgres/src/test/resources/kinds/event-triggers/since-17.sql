-- A login event trigger (PostgreSQL 17 on); it fires on every connection, so it does nothing.
CREATE FUNCTION audit.on_login() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
    NULL;
END $$;
CREATE EVENT TRIGGER on_login ON login EXECUTE FUNCTION audit.on_login();
COMMENT ON EVENT TRIGGER on_login IS 'fires on every connection';
