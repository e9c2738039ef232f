package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.List;

/**
 * The indexes of partitions that belong to an index of their partitioned table. The parent's CREATE INDEX makes them
 * (see {@link IndexesReader}) under names of PostgreSQL's choosing, and with the parent's storage options; a
 * partition's index may have had another name (made before the partition was attached, or renamed since), options
 * or a comment of its own. After the indexes are built, each is found by what it belongs to (its parent index and
 * its table) and given back its name, options and comment, as pg_dump's ATTACH PARTITION of the partition's own
 * index gives them. The lookup is a DO block, so it is written only where PL/pgSQL is there to run it (it is unless
 * someone dropped it; the restore then keeps PostgreSQL's names, and its check says so).
 */
final class PartitionIndexNames {

    private PartitionIndexNames() {
    }

    static void read(ReadContext context) throws SQLException {
        if (context.catalog().rows("SELECT 1 FROM pg_catalog.pg_language WHERE lanname = 'plpgsql'").isEmpty()) {
            return;
        }
        for (Catalog.Row row : context.catalog().rows("SELECT ci.oid AS index_oid, n.nspname, ci.relname, "
                + "t.relname AS table_name, pn.nspname AS parent_schema, pi.relname AS parent_name, "
                + "ci.reloptions, ci.reloptions IS DISTINCT FROM pi.reloptions AS own_options "
                + "FROM pg_catalog.pg_inherits h JOIN pg_catalog.pg_class ci ON ci.oid = h.inhrelid "
                + "JOIN pg_catalog.pg_index x ON x.indexrelid = ci.oid "
                + "JOIN pg_catalog.pg_class t ON t.oid = x.indrelid "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = ci.relnamespace "
                + "JOIN pg_catalog.pg_class pi ON pi.oid = h.inhparent "
                + "JOIN pg_catalog.pg_namespace pn ON pn.oid = pi.relnamespace "
                + "JOIN pg_catalog.pg_index px ON px.indexrelid = pi.oid "
                + "WHERE ci.relkind IN ('i', 'I') AND px.indisvalid AND " + Catalog.USER_SCHEMA
                + " AND " + Catalog.notExtensionMember("pg_class", "t.oid")
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = pi.oid"
                + " AND k.contype IN ('p', 'u', 'x'))"
                // a partition's index is found by its parent index's name, so a parent that is itself a partition's
                // index gets its name back first
                + " ORDER BY (SELECT pg_catalog.count(*) FROM pg_catalog.pg_partition_ancestors(t.oid)),"
                + " n.nspname, t.relname, ci.relname")) {
            QualifiedName index = new QualifiedName(row.text("nspname"), row.text("relname"));
            QualifiedName table = new QualifiedName(row.text("nspname"), row.text("table_name"));
            QualifiedName parent = new QualifiedName(row.text("parent_schema"), row.text("parent_name"));
            String label = "INDEX " + index;
            ObjectRef ref = ObjectRef.relation(row.number("index_oid"));
            ScriptBuilder.PostData post = context.script().post(ref)
                    .add(StatementPhase.POST_DATA, StatementKind.DEFINITION, label, rename(index, table, parent));
            List<String> options = row.list("reloptions");
            if (row.flag("own_options") && !options.isEmpty()) {
                post.add(StatementPhase.POST_DATA, StatementKind.DEFINITION, label,
                        "ALTER INDEX " + index.quoted() + " SET (" + String.join(", ", options) + ")");
            }
            post.addAll(context.comments().on(StatementPhase.POST_DATA, ref, "INDEX " + index.quoted(), label));
        }
    }

    /** Renames the index of {@code table} that belongs to {@code parent} to {@code index}'s name, if it has another. */
    private static String rename(QualifiedName index, QualifiedName table, QualifiedName parent) {
        // a literal, not dollar quotes: no name can end it
        return "DO " + Identifiers.literal("DECLARE made pg_catalog.text; BEGIN "
                + "SELECT c.relname INTO made FROM pg_catalog.pg_inherits h "
                + "JOIN pg_catalog.pg_class c ON c.oid = h.inhrelid "
                + "JOIN pg_catalog.pg_index x ON x.indexrelid = c.oid "
                + "WHERE h.inhparent = " + Identifiers.literal(parent.quoted()) + "::pg_catalog.regclass "
                + "AND x.indrelid = " + Identifiers.literal(table.quoted()) + "::pg_catalog.regclass; "
                + "IF made IS DISTINCT FROM " + Identifiers.literal(index.name()) + " THEN "
                + "EXECUTE pg_catalog.format('ALTER INDEX %I.%I RENAME TO %I', " + Identifiers.literal(index.schema())
                + ", made, " + Identifiers.literal(index.name()) + "); END IF; END");
    }
}
