package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;

/**
 * Primary-key, unique and exclusion constraints (phase INDEXES) and foreign keys (phase FOREIGN_KEYS), from
 * pg_get_constraintdef. Constraints a partition or child inherits are left out: the parent's constraint creates them.
 */
final class ConstraintsReader {

    private ConstraintsReader() {
    }

    static void read(ReadContext context) throws SQLException {
        for (Catalog.Row row : context.catalog().rows("SELECT c.oid, c.conname, c.contype::text AS kind, "
                + "c.conindid, n.nspname, t.relname, t.relkind::text AS relkind, "
                + "pg_catalog.pg_get_constraintdef(c.oid) AS definition, ts.spcname "
                + "FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_class t ON t.oid = c.conrelid "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace "
                + "LEFT JOIN pg_catalog.pg_class ic ON ic.oid = c.conindid AND c.contype <> 'f' "
                + "LEFT JOIN pg_catalog.pg_tablespace ts ON ts.oid = ic.reltablespace "
                + "WHERE c.contype IN ('p', 'u', 'x', 'f') AND c.conparentid = 0 AND c.conislocal AND "
                + Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_class", "t.oid")
                + " AND t.relkind IN ('r', 'p') ORDER BY n.nspname, t.relname, c.conname")) {
            QualifiedName table = new QualifiedName(row.text("nspname"), row.text("relname"));
            String constraint = Identifiers.quote(row.text("conname"));
            String label = "CONSTRAINT " + row.text("conname") + " ON " + table;
            StatementPhase phase = row.text("kind").equals("f") ? StatementPhase.FOREIGN_KEYS : StatementPhase.INDEXES;
            String alter = row.text("relkind").equals("p") ? "ALTER TABLE " : "ALTER TABLE ONLY ";
            ObjectRef ref = new ObjectRef("pg_constraint", row.number("oid"));
            if (row.has("spcname")) {
                context.script().unsupported(ref, "constraint " + row.text("conname") + " on " + table
                        + " (its index in tablespace " + row.text("spcname") + ")");
            }
            ScriptBuilder.PostData post = context.script().post(ref)
                    .add(phase, StatementKind.DEFINITION, label, alter + table.quoted() + " ADD CONSTRAINT "
                            + constraint + " " + row.text("definition"))
                    .addAll(context.comments().on(phase, ref, "CONSTRAINT " + constraint + " ON " + table.quoted(),
                            label));
            if (!phase.equals(StatementPhase.FOREIGN_KEYS) && row.number("conindid") != 0) {
                post.addAll(context.comments().on(phase, ObjectRef.relation(row.number("conindid")),
                        "INDEX " + new QualifiedName(table.schema(), row.text("conname")).quoted(), label));
            }
        }
    }
}
