package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;

/**
 * What an index has besides its definition: the statistics targets of its expression columns
 * ({@code ALTER INDEX ... ALTER COLUMN n SET STATISTICS}) and CLUSTER ON. Every valid index of a table, partition or
 * materialized view is read, those that back a constraint and those a partitioned index makes on each partition
 * included, so the statements come after the data, once every index exists.
 */
final class IndexSettingsReader {

    private IndexSettingsReader() {
    }

    static void read(ReadContext context) throws SQLException {
        // PostgreSQL 17 stores an unset target as NULL instead of -1: both fail the test
        for (Catalog.Row row : context.catalog().rows("SELECT i.indexrelid, n.nspname, ic.relname, "
                + "tn.nspname AS table_schema, t.relname AS table_name, i.indisclustered, "
                + "(SELECT pg_catalog.array_agg(a.attnum || ' ' || a.attstattarget ORDER BY a.attnum) "
                + "FROM pg_catalog.pg_attribute a WHERE a.attrelid = i.indexrelid AND a.attstattarget >= 0) "
                + "AS statistics FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace "
                + "JOIN pg_catalog.pg_class t ON t.oid = i.indrelid "
                + "JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace "
                + "WHERE " + Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_class", "t.oid")
                + " AND " + Catalog.notExtensionMember("pg_class", "ic.oid")
                + " AND t.relkind IN ('r', 'p', 'm') AND i.indisvalid"
                // ALTER INDEX on a partitioned index sets its partitions' indexes too: parents first
                + " ORDER BY (SELECT pg_catalog.count(*) FROM pg_catalog.pg_partition_ancestors(ic.oid)),"
                + " n.nspname, ic.relname")) {
            QualifiedName name = new QualifiedName(row.text("nspname"), row.text("relname"));
            QualifiedName table = new QualifiedName(row.text("table_schema"), row.text("table_name"));
            String label = "INDEX " + name;
            ScriptBuilder.PostData post = context.script().post(ObjectRef.relation(row.number("indexrelid")));
            for (String target : row.list("statistics")) {
                String[] parts = target.split(" ");
                post.add(StatementPhase.POST_DATA, StatementKind.DEFINITION, label, "ALTER INDEX " + name.quoted()
                        + " ALTER COLUMN " + parts[0] + " SET STATISTICS " + parts[1]);
            }
            if (row.flag("indisclustered")) {
                post.add(StatementPhase.POST_DATA, StatementKind.DEFINITION, label,
                        "ALTER TABLE " + table.quoted() + " CLUSTER ON " + Identifiers.quote(name.name()));
            }
        }
    }
}
