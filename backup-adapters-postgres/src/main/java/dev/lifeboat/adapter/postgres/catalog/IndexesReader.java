package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;

/**
 * Indexes from pg_get_indexdef, except those that back a constraint (the constraint creates them) and the partitions
 * of partitioned indexes (the parent's CREATE INDEX, without ONLY, creates them). Invalid indexes (a failed
 * CREATE INDEX CONCURRENTLY) are left out, as pg_dump does. Their statistics targets and CLUSTER ON are
 * {@link IndexSettingsReader}'s.
 */
final class IndexesReader {

    private IndexesReader() {
    }

    static void read(ReadContext context) throws SQLException {
        for (Catalog.Row row : context.catalog().rows("SELECT i.indexrelid, i.indrelid, n.nspname, ic.relname, "
                + "pg_catalog.quote_ident(ic.relname) AS quoted_name, "
                + "t.relkind::text AS relkind, ts.spcname, "
                + "pg_catalog.pg_get_indexdef(i.indexrelid) AS definition "
                + "FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace "
                + "JOIN pg_catalog.pg_class t ON t.oid = i.indrelid "
                + "LEFT JOIN pg_catalog.pg_tablespace ts ON ts.oid = ic.reltablespace "
                + "WHERE " + Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_class", "t.oid")
                + " AND " + Catalog.notExtensionMember("pg_class", "ic.oid")
                + " AND t.relkind IN ('r', 'p', 'm') AND NOT ic.relispartition AND i.indisvalid"
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = i.indexrelid"
                + " AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))"
                + " ORDER BY n.nspname, ic.relname")) {
            QualifiedName name = new QualifiedName(row.text("nspname"), row.text("relname"));
            String label = "INDEX " + name;
            ObjectRef ref = ObjectRef.relation(row.number("indexrelid"));
            if (row.has("spcname")) {
                context.script().unsupported(ref, "index " + name + " (in tablespace " + row.text("spcname") + ")");
            }
            String definition = row.text("definition");
            if (row.text("relkind").equals("p")) {
                definition = withoutOnly(definition, row.text("quoted_name"));
            }
            // an index of a materialized view created after the data comes after it
            StatementPhase phase = context.script().postponed(ObjectRef.relation(row.number("indrelid")))
                    ? StatementPhase.POST_DATA : StatementPhase.INDEXES;
            context.script().post(ref)
                    .add(phase, StatementKind.DEFINITION, label, definition)
                    .addAll(context.comments().on(phase, ref, "INDEX " + name.quoted(), label));
        }
    }

    /** An index on a partitioned table, made to cascade to the partitions: {@code ON ONLY t} becomes {@code ON t}. */
    static String withoutOnly(String definition, String quotedName) {
        int from = definition.indexOf(quotedName);
        int at = definition.indexOf(" ON ONLY ", from < 0 ? 0 : from + quotedName.length());
        return at < 0 ? definition : definition.substring(0, at) + " ON " + definition.substring(at + " ON ONLY ".length());
    }
}
