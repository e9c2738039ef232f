package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.List;

/**
 * Event triggers (event, tags, function), with their enabled state, owner and comment. They are made in phase
 * {@link StatementPhase#EVENT_TRIGGERS}, after everything else the restore creates, so that a trigger that refuses
 * DDL cannot refuse the restore's own, and made disabled: the restore checks the database through new sessions,
 * which a login trigger (PostgreSQL 17 on) would otherwise change (one that writes a row) or refuse. Each gets its
 * enabled state in phase {@link StatementPhase#AFTER_CHECK}, once the check has passed. What runs between (the
 * database's settings) touches shared objects only, which fire no event trigger.
 */
final class EventTriggersReader {

    private EventTriggersReader() {
    }

    static void read(ReadContext context) throws SQLException {
        for (Catalog.Row row : context.catalog().rows("SELECT e.oid, e.evtname, e.evtevent, e.evtenabled::text AS enabled, "
                + "(SELECT pg_catalog.string_agg(pg_catalog.quote_literal(t.tag), ', ' ORDER BY t.n) "
                + "FROM pg_catalog.unnest(e.evttags) WITH ORDINALITY AS t(tag, n)) AS tags, "
                + "pg_catalog.format('%s.%s', pg_catalog.quote_ident(n.nspname), pg_catalog.quote_ident(p.proname)) AS function, "
                + "pg_catalog.pg_get_userbyid(e.evtowner) AS owner "
                + "FROM pg_catalog.pg_event_trigger e JOIN pg_catalog.pg_proc p ON p.oid = e.evtfoid "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE "
                + Catalog.notExtensionMember("pg_event_trigger", "e.oid") + " ORDER BY e.evtname")) {
            String name = Identifiers.quote(row.text("evtname"));
            String label = "EVENT TRIGGER " + row.text("evtname");
            ObjectRef ref = new ObjectRef("pg_event_trigger", row.number("oid"));
            ScriptBuilder.PostData post = context.script().post(ref)
                    .add(StatementPhase.EVENT_TRIGGERS, StatementKind.DEFINITION, label, "CREATE EVENT TRIGGER " + name
                            + " ON " + Identifiers.quote(row.text("evtevent"))
                            + (row.has("tags") ? " WHEN TAG IN (" + row.text("tags") + ")" : "")
                            + " EXECUTE FUNCTION " + row.text("function") + "()");
            post.add(StatementPhase.EVENT_TRIGGERS, StatementKind.DEFINITION, label,
                    "ALTER EVENT TRIGGER " + name + " DISABLE");
            post.addAll(context.comments().on(StatementPhase.EVENT_TRIGGERS, ref, "EVENT TRIGGER " + name, label))
                    .addAll(Privileges.owner(context.options(), StatementPhase.EVENT_TRIGGERS, label,
                            "EVENT TRIGGER " + name, row.text("owner")));
            String state = switch (row.text("enabled")) {
                case "D" -> null;
                case "R" -> "ENABLE REPLICA";
                case "A" -> "ENABLE ALWAYS";
                default -> "ENABLE";
            };
            if (state != null) {
                post.add(StatementPhase.AFTER_CHECK, StatementKind.DEFINITION, label,
                        "ALTER EVENT TRIGGER " + name + " " + state);
            }
        }
    }

    /**
     * Description query: each trigger's event, tags in order and function. Not its enabled state: the restored
     * database is checked while its event triggers are still disabled (see above).
     */
    static List<String> description(Catalog catalog) {
        return List.of("SELECT 'pg_event_trigger' AS catalog, e.oid, pg_catalog.format('event trigger %s on %s tags %s"
                + " function %s.%s', e.evtname, e.evtevent, e.evttags, n.nspname, p.proname)"
                + " AS line FROM pg_catalog.pg_event_trigger e JOIN pg_catalog.pg_proc p ON p.oid = e.evtfoid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE "
                + Catalog.notExtensionMember("pg_event_trigger", "e.oid"));
    }
}
