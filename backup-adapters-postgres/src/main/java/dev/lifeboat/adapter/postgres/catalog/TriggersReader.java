package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;

/**
 * Triggers from pg_get_triggerdef, with their enabled state. On partitioned tables only the parent's trigger is
 * written: the partitions' clones (tgparentid set, which exists from PostgreSQL 13 on) come with it.
 */
final class TriggersReader {

    private TriggersReader() {
    }

    static void read(ReadContext context) throws SQLException {
        for (Catalog.Row row : context.catalog().rows("SELECT g.oid, g.tgname, g.tgenabled::text AS enabled, "
                + "n.nspname, c.relname, pg_catalog.pg_get_triggerdef(g.oid) AS definition "
                + "FROM pg_catalog.pg_trigger g JOIN pg_catalog.pg_class c ON c.oid = g.tgrelid "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE NOT g.tgisinternal AND g.tgparentid = 0 AND " + Catalog.USER_SCHEMA + " AND "
                + Catalog.notExtensionMember("pg_class", "c.oid") + " AND "
                + Catalog.notExtensionMember("pg_trigger", "g.oid")
                + " ORDER BY n.nspname, c.relname, g.tgname")) {
            QualifiedName table = new QualifiedName(row.text("nspname"), row.text("relname"));
            String trigger = Identifiers.quote(row.text("tgname"));
            String label = "TRIGGER " + row.text("tgname") + " ON " + table;
            ObjectRef ref = new ObjectRef("pg_trigger", row.number("oid"));
            ScriptBuilder.PostData post = context.script().post(ref)
                    .add(StatementPhase.POST_DATA, StatementKind.DEFINITION, label, row.text("definition"));
            String state = switch (row.text("enabled")) {
                case "D" -> "DISABLE TRIGGER ";
                case "R" -> "ENABLE REPLICA TRIGGER ";
                case "A" -> "ENABLE ALWAYS TRIGGER ";
                default -> null;
            };
            if (state != null) {
                post.add(StatementPhase.POST_DATA, StatementKind.DEFINITION, label,
                        "ALTER TABLE " + table.quoted() + " " + state + trigger);
            }
            post.addAll(context.comments().on(StatementPhase.POST_DATA, ref,
                    "TRIGGER " + trigger + " ON " + table.quoted(), label));
        }
    }
}
