package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parents of every inheritance child and partition (tables and foreign tables alike), in inheritance order, and
 * what {@code INHERITS} or {@code PARTITION OF} makes of a child's columns.
 */
final class InheritanceParents {

    /** A parent of a child; {@code fromExtension} when an extension made it. */
    record Parent(long oid, QualifiedName name, boolean fromExtension) {
    }

    private final Map<Long, List<Parent>> byChild;

    private InheritanceParents(Map<Long, List<Parent>> byChild) {
        this.byChild = byChild;
    }

    static InheritanceParents read(Catalog catalog) throws SQLException {
        Map<Long, List<Parent>> parents = new HashMap<>();
        for (Catalog.Row row : catalog.rows("SELECT i.inhrelid, i.inhparent, pn.nspname, p.relname, "
                + "NOT " + Catalog.notExtensionMember("pg_class", "p.oid") + " AS from_extension "
                + "FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class p ON p.oid = i.inhparent "
                + "JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace "
                + "WHERE p.relkind IN ('r', 'p', 'f') ORDER BY i.inhrelid, i.inhseqno")) {
            parents.computeIfAbsent(row.number("inhrelid"), k -> new ArrayList<>()).add(new Parent(
                    row.number("inhparent"), new QualifiedName(row.text("nspname"), row.text("relname")),
                    row.flag("from_extension")));
        }
        return new InheritanceParents(parents);
    }

    /** A relation's parents, first to last; none for a relation that inherits from nothing. */
    List<Parent> of(long child) {
        return byChild.getOrDefault(child, List.of());
    }

    /** The column order CREATE TABLE gives a child: its parents' columns first, then its own. */
    static List<String> restoredOrder(List<Column> childColumns, List<Parent> parents,
                                      Map<Long, List<Column>> allColumns, boolean partition) {
        List<String> order = new ArrayList<>();
        for (Parent parent : parents) {
            for (Column column : allColumns.getOrDefault(parent.oid(), List.of())) {
                if (!order.contains(column.name())) {
                    order.add(column.name());
                }
            }
        }
        for (Column column : childColumns) {
            if (!partition && !order.contains(column.name())) {
                order.add(column.name());
            }
        }
        return order;
    }

    /** The first parent's column of the same name as a child's, or null when no parent has one. */
    static Column inheritedColumn(Column column, List<Parent> parents, Map<Long, List<Column>> allColumns) {
        for (Parent parent : parents) {
            for (Column candidate : allColumns.getOrDefault(parent.oid(), List.of())) {
                if (candidate.name().equals(column.name())) {
                    return candidate;
                }
            }
        }
        return null;
    }
}
