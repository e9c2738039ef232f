package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.List;

/**
 * Triggers from pg_get_triggerdef, with their enabled state. On partitioned tables only the parent's trigger is
 * written: the partitions' clones (tgparentid set, which exists from PostgreSQL 13 on) come with it. A clone enabled
 * differently from the trigger it was cloned from gets its own ALTER TABLE, after its parent's, since enabling or
 * disabling a trigger of a partitioned table sets its partitions' clones too.
 */
final class TriggersReader {

    /**
     * SQL condition: the clone {@code g} is of a user's trigger, not of a foreign key's (PostgreSQL 13 and 14 mark
     * every clone internal, 15 on only the foreign keys').
     */
    private static final String USER_CLONE = "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k "
            + "WHERE k.oid = g.tgconstraint AND k.contype <> 't')";

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
            FiringState state = FiringState.of(row.text("enabled"));
            if (!state.isInitial()) {
                post.add(StatementPhase.POST_DATA, StatementKind.DEFINITION, label,
                        "ALTER TABLE " + table.quoted() + " " + state.words() + " TRIGGER " + trigger);
            }
            post.addAll(context.comments().on(StatementPhase.POST_DATA, ref,
                    "TRIGGER " + trigger + " ON " + table.quoted(), label));
        }
        readClones(context);
    }

    /** The clones whose state differs from their parent trigger's, shallow partitions first. */
    private static void readClones(ReadContext context) throws SQLException {
        for (Catalog.Row row : context.catalog().rows("SELECT g.oid, g.tgname, g.tgenabled::text AS enabled, "
                + "n.nspname, c.relname FROM pg_catalog.pg_trigger g "
                + "JOIN pg_catalog.pg_trigger p ON p.oid = g.tgparentid "
                + "JOIN pg_catalog.pg_class c ON c.oid = g.tgrelid "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE g.tgenabled <> p.tgenabled AND " + USER_CLONE + " AND " + Catalog.USER_SCHEMA + " AND "
                + Catalog.notExtensionMember("pg_class", "c.oid")
                + " ORDER BY (SELECT pg_catalog.count(*) FROM pg_catalog.pg_partition_ancestors(c.oid)),"
                + " n.nspname, c.relname, g.tgname")) {
            QualifiedName table = new QualifiedName(row.text("nspname"), row.text("relname"));
            context.script().post(new ObjectRef("pg_trigger", row.number("oid")))
                    .add(StatementPhase.POST_DATA, StatementKind.DEFINITION,
                            "TRIGGER " + row.text("tgname") + " ON " + table,
                            "ALTER TABLE " + table.quoted() + " " + FiringState.of(row.text("enabled")).words()
                                    + " TRIGGER " + Identifiers.quote(row.text("tgname")));
        }
    }

    /** Description lines: the enabled state of every clone (the parents' triggers are in the common description). */
    static List<String> description() {
        return List.of("SELECT 'pg_trigger' AS catalog, g.oid, pg_catalog.format('trigger clone %s.%s %s enabled %s',"
                + " n.nspname, c.relname, g.tgname, g.tgenabled) AS line FROM pg_catalog.pg_trigger g"
                + " JOIN pg_catalog.pg_class c ON c.oid = g.tgrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE g.tgparentid <> 0 AND " + USER_CLONE + " AND " + Catalog.USER_SCHEMA + " AND "
                + Catalog.notExtensionMember("pg_class", "c.oid"));
    }
}
