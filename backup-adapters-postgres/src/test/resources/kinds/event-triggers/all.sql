-- Event triggers on every event (ddl_command_start, ddl_command_end, sql_drop, table_rewrite), with and without tags,
-- in each enabled state (enabled, disabled, replica, always), with a comment and an owner. One logs every DDL command
-- into a table: the rows it logged while this script ran are data, and a restore that made the triggers before the
-- rest of the schema would log more (the fingerprint would differ).
DO $$ BEGIN
    CREATE ROLE lifeboat_kind_event_admin SUPERUSER NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
CREATE SCHEMA audit;
CREATE TABLE audit.ddl_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tag text NOT NULL);
CREATE FUNCTION audit.log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit.ddl_log (tag) VALUES (tg_tag);
END $$;
CREATE FUNCTION audit.refuse_drops() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'dropping is refused here (%)', tg_tag;
END $$;
CREATE FUNCTION audit.note_rewrite() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE NOTICE 'rewriting %', pg_catalog.pg_event_trigger_table_rewrite_oid()::regclass;
END $$;
CREATE FUNCTION audit.note_drops() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
    dropped record;
BEGIN
    FOR dropped IN SELECT * FROM pg_catalog.pg_event_trigger_dropped_objects() LOOP
        RAISE NOTICE 'dropped %', dropped.object_identity;
    END LOOP;
END $$;

CREATE EVENT TRIGGER log_every_command ON ddl_command_end EXECUTE FUNCTION audit.log_ddl();
CREATE EVENT TRIGGER refuse_drops ON ddl_command_start WHEN TAG IN ('DROP TABLE', 'drop schema')
    EXECUTE FUNCTION audit.refuse_drops();
CREATE EVENT TRIGGER note_rewrites ON table_rewrite EXECUTE FUNCTION audit.note_rewrite();
ALTER EVENT TRIGGER note_rewrites DISABLE;
CREATE EVENT TRIGGER note_drops ON sql_drop EXECUTE FUNCTION audit.note_drops();
ALTER EVENT TRIGGER note_drops ENABLE REPLICA;
CREATE EVENT TRIGGER "Log Creations" ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'CREATE VIEW', 'CREATE FUNCTION')
    EXECUTE FUNCTION audit.log_ddl();
ALTER EVENT TRIGGER "Log Creations" ENABLE ALWAYS;
COMMENT ON EVENT TRIGGER log_every_command IS 'keeps a log of every DDL command';
ALTER EVENT TRIGGER log_every_command OWNER TO lifeboat_kind_event_admin;

CREATE TABLE audit.logged_after (id integer);
CREATE VIEW audit.recent AS SELECT tag FROM audit.ddl_log ORDER BY id DESC LIMIT 5;
