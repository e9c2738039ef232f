package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The views and materialized views that cannot be defined before the data: those whose query relies on a primary
 * key (a GROUP BY using the key's functional dependency; the key is created after the data), and, since a
 * materialized view cannot stand in for itself, every view or materialized view that reads a postponed materialized
 * view. As pg_dump does, a postponed view is created in pre-data as a placeholder with the same columns and gets its
 * query after the data; a postponed materialized view is created after the data.
 *
 * @param relations the postponed relations' OIDs, each after the postponed relations it reads
 */
record PostponedViews(List<Long> relations) {

    static PostponedViews read(Catalog catalog) throws SQLException {
        Map<Long, Boolean> materialized = new LinkedHashMap<>();
        Set<Long> seeds = new HashSet<>();
        for (Catalog.Row row : catalog.rows("SELECT c.oid, c.relkind = 'm' AS materialized, EXISTS (SELECT 1 "
                + "FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_depend d "
                + "ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND d.objid = r.oid "
                + "AND d.refclassid = 'pg_catalog.pg_constraint'::pg_catalog.regclass WHERE r.ev_class = c.oid) "
                + "AS needs_constraint FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND " + Catalog.USER_SCHEMA + " AND "
                + Catalog.notExtensionMember("pg_class", "c.oid") + " ORDER BY n.nspname, c.relname")) {
            materialized.put(row.number("oid"), row.flag("materialized"));
            if (row.flag("needs_constraint")) {
                seeds.add(row.number("oid"));
            }
        }
        if (seeds.isEmpty()) {
            return new PostponedViews(List.of());
        }
        Map<Long, Set<Long>> reads = new HashMap<>();
        for (Catalog.Row row : catalog.rows("SELECT DISTINCT r.ev_class, d.refobjid FROM pg_catalog.pg_rewrite r "
                + "JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass "
                + "AND d.objid = r.oid WHERE d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass "
                + "AND d.refobjid <> r.ev_class")) {
            reads.computeIfAbsent(row.number("ev_class"), k -> new LinkedHashSet<>()).add(row.number("refobjid"));
        }
        // a placeholder stands in for a postponed view, but not for the rows of a postponed materialized view: what
        // reads one, directly or through views, waits for it too
        Set<Long> postponed = new LinkedHashSet<>();
        Set<Long> waitsForRows = new HashSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<Long, Boolean> relation : materialized.entrySet()) {
                Long oid = relation.getKey();
                boolean readsLate = reads.getOrDefault(oid, Set.of()).stream().anyMatch(waitsForRows::contains);
                if ((seeds.contains(oid) || readsLate) && postponed.add(oid)) {
                    changed = true;
                }
                if (postponed.contains(oid) && (relation.getValue() || readsLate) && waitsForRows.add(oid)) {
                    changed = true;
                }
            }
        }
        List<Long> ordered = new ArrayList<>();
        Set<Long> visited = new HashSet<>();
        for (Long relation : postponed) {
            visit(relation, postponed, reads, ordered, visited);
        }
        return new PostponedViews(ordered);
    }

    /** Depth first through what a relation reads, views in between included, so readers come after what they read. */
    private static void visit(Long relation, Set<Long> postponed, Map<Long, Set<Long>> reads, List<Long> ordered,
                              Set<Long> visited) {
        if (!visited.add(relation)) {
            return;
        }
        for (Long read : reads.getOrDefault(relation, Set.of())) {
            visit(read, postponed, reads, ordered, visited);
        }
        if (postponed.contains(relation)) {
            ordered.add(relation);
        }
    }

    /**
     * Refuses what needs a postponed materialized view before the data: its row type (a function's argument or
     * result, a column's type), which nothing can stand in for, or its rows (a SQL-standard function body reading it).
     */
    static void refuseDependents(ReadContext context, PostponedViews postponed) throws SQLException {
        for (Long relation : postponed.relations()) {
            for (Catalog.Row row : context.catalog().rows("SELECT d.classid::pg_catalog.regclass::text AS catalog, "
                    + "d.objid, o.type || ' ' || o.identity AS dependent, c.relkind::text AS kind, "
                    + "pg_catalog.format('%s.%s', n.nspname, c.relname) AS name FROM pg_catalog.pg_class c "
                    + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                    + "JOIN pg_catalog.pg_depend d ON d.deptype = 'n' AND ((d.refclassid = "
                    + "'pg_catalog.pg_type'::pg_catalog.regclass AND d.refobjid = c.reltype) OR (d.refclassid = "
                    + "'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjid = c.oid "
                    + "AND d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass)), "
                    + "LATERAL pg_catalog.pg_identify_object(d.classid, d.objid, 0) o "
                    + "WHERE c.oid = ? AND c.relkind = 'm'", relation)) {
                context.script().unsupported(new ObjectRef(row.text("catalog"), row.number("objid")),
                        row.text("dependent") + " (uses materialized view " + row.text("name")
                                + ", which depends on a primary key and is created after the data)");
            }
        }
    }

    boolean contains(long relation) {
        return relations.contains(relation);
    }
}
