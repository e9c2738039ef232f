package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order of the objects of phase {@link StatementPhase#INDEXES} (indexes; primary-key, unique and exclusion
 * constraints), which a restore builds on parallel sessions in the order given: the builds that scan the largest
 * tables first, and of those the largest index first, as pg_dump sorts indexes by size for a parallel restore. Each
 * build reads its whole table, so a build on a large table started last would run on alone while the other sessions
 * have nothing left; started first, the short builds fill in beside it. Sizes are those on disk at backup time (a
 * partitioned table's or index's: its partitions'); objects of equal sizes keep their order, by name.
 */
final class IndexBuildOrder {

    /** What one build reads and writes, the table first. */
    private record BuildSize(long tableBytes, long indexBytes) implements Comparable<BuildSize> {

        private static final BuildSize UNKNOWN = new BuildSize(0, 0);
        private static final Comparator<BuildSize> ORDER = Comparator.comparingLong(BuildSize::tableBytes)
                .thenComparingLong(BuildSize::indexBytes);

        @Override
        public int compareTo(BuildSize other) {
            return ORDER.compare(this, other);
        }
    }

    private IndexBuildOrder() {
    }

    /**
     * The statements of phase INDEXES, one object's (its definition and the comments that follow it) kept together,
     * the largest builds first.
     */
    static List<ScriptBuilder.OwnedStatement> largestFirst(Catalog catalog,
                                                           List<ScriptBuilder.OwnedStatement> statements)
            throws SQLException {
        Map<ObjectRef, List<ScriptBuilder.OwnedStatement>> objects = new LinkedHashMap<>();
        for (ScriptBuilder.OwnedStatement statement : statements) {
            objects.computeIfAbsent(statement.owner(), owner -> new ArrayList<>()).add(statement);
        }
        if (objects.size() < 2) {
            return statements;
        }
        Map<ObjectRef, BuildSize> sizes = sizes(catalog);
        List<ObjectRef> order = new ArrayList<>(objects.keySet());
        order.sort(Comparator.comparing((ObjectRef owner) -> sizes.getOrDefault(owner, BuildSize.UNKNOWN))
                .reversed());
        List<ScriptBuilder.OwnedStatement> ordered = new ArrayList<>(statements.size());
        order.forEach(owner -> ordered.addAll(objects.get(owner)));
        return ordered;
    }

    /** Every user index's build size, under the index and, for one that backs a constraint, the constraint too. */
    private static Map<ObjectRef, BuildSize> sizes(Catalog catalog) throws SQLException {
        Map<ObjectRef, BuildSize> sizes = new HashMap<>();
        for (Catalog.Row row : catalog.rows("SELECT i.indexrelid, k.oid AS constraint_oid, "
                + bytes("i.indrelid") + " AS table_bytes, " + bytes("i.indexrelid") + " AS index_bytes "
                + "FROM pg_catalog.pg_index i LEFT JOIN pg_catalog.pg_constraint k ON k.conindid = i.indexrelid "
                + "AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x') "
                + "WHERE i.indexrelid >= " + Catalog.FIRST_NORMAL_OID)) {
            BuildSize size = new BuildSize(row.has("table_bytes") ? row.number("table_bytes") : 0,
                    row.has("index_bytes") ? row.number("index_bytes") : 0);
            sizes.put(ObjectRef.relation(row.number("indexrelid")), size);
            if (row.has("constraint_oid")) {
                sizes.put(new ObjectRef("pg_constraint", row.number("constraint_oid")), size);
            }
        }
        return sizes;
    }

    /** A relation's size on disk; a partitioned one's, which holds nothing itself, is its partitions'. */
    private static String bytes(String oid) {
        return "COALESCE((SELECT pg_catalog.sum(pg_catalog.pg_relation_size(p.relid))::bigint "
                + "FROM pg_catalog.pg_partition_tree(" + oid + ") p), pg_catalog.pg_relation_size(" + oid + "))";
    }
}
