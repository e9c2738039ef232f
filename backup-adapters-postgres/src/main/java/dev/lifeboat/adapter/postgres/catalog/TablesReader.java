package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tables and partitioned tables: columns (type, collation, default, NOT NULL ({@link ColumnNotNull}), identity,
 * generated, stored or virtual), validated CHECK constraints, UNLOGGED, storage parameters, inheritance, partition
 * keys and bounds, typed tables; then column settings ({@link ColumnSettings}), comments, owner and privileges. Also
 * lists the tables whose rows are copied.
 * A default that calls a user's function is set by its own ALTER TABLE, ordered after that function, since the
 * function may in turn need the table (its row type as an argument or result). A child whose columns are in another
 * order than PARTITION OF or INHERITS gives is created on its own and then attached or given its parents (see
 * {@link #canCreateStandalone}), or made through an {@link InheritanceScaffold}. This class reads the catalog and
 * decides how each table is to be made; {@link TableStatements} writes the statements that make it.
 */
final class TablesReader {

    private TablesReader() {
    }

    static void read(ReadContext context, Map<Long, List<Column>> columns,
                     Map<String, SequencesReader.IdentitySequence> identities) throws SQLException {
        Catalog catalog = context.catalog();
        InheritanceParents parents = InheritanceParents.read(catalog);
        Map<Long, List<Catalog.Row>> checks = checks(catalog);
        NotNullsAfterData notNullsAfterData = new NotNullsAfterData();
        for (Catalog.Row row : catalog.rows("SELECT c.oid, n.nspname, c.relname, c.relkind::text AS kind, "
                + "c.relpersistence::text AS persistence, c.reloptions, tc.reloptions AS toast_options, "
                + "c.relispartition, CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partition_key, "
                + "CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END AS bound, "
                + "CASE WHEN c.reloftype <> 0 THEN pg_catalog.format_type(c.reloftype, NULL) END AS of_type, "
                + "am.amname, ts.spcname, c.relreplident::text AS replica_identity, "
                + "(SELECT ic.relname FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid "
                + "WHERE i.indrelid = c.oid AND i.indisreplident) AS replica_index, "
                + "(SELECT i.indexrelid FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid AND i.indisreplident) "
                + "AS replica_index_oid, "
                + ReadContext.ownerColumns("c.relowner", "c.relacl", 'r')
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "LEFT JOIN pg_catalog.pg_class tc ON tc.oid = c.reltoastrelid "
                + "LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam "
                + "LEFT JOIN pg_catalog.pg_tablespace ts ON ts.oid = c.reltablespace "
                + "WHERE c.relkind IN ('r', 'p') AND " + Catalog.USER_SCHEMA + " AND "
                + Catalog.notExtensionMember("pg_class", "c.oid") + " ORDER BY n.nspname, c.relname")) {
            QualifiedName name = new QualifiedName(row.text("nspname"), row.text("relname"));
            long oid = row.number("oid");
            ObjectRef ref = ObjectRef.relation(oid);
            List<Column> tableColumns = columns.getOrDefault(oid, List.of());
            if (row.has("spcname") && row.text("kind").equals("p")) {
                // only where new partitions go by default: the partitions and their rows are unaffected
                context.script().unsupported("tablespace " + row.text("spcname") + " as the default of new partitions"
                        + " of table " + name);
            } else if (row.has("spcname")) {
                context.script().unsupported(ref, "table " + name + " (in tablespace " + row.text("spcname") + ")");
            }
            List<InheritanceParents.Parent> tableParents = parents.of(oid);
            for (InheritanceParents.Parent parent : tableParents) {
                if (parent.fromExtension()) {
                    context.script().unsupported(ref, "table " + name + " (inherits from extension table "
                            + parent.name() + ")");
                }
            }
            List<Catalog.Row> tableChecks = checks.getOrDefault(oid, List.of());
            boolean standalone = false;
            InheritanceScaffold scaffold = null;
            boolean reordered = !tableParents.isEmpty() && !InheritanceParents.restoredOrder(tableColumns,
                    tableParents, columns, row.flag("relispartition")).equals(tableColumns.stream().map(Column::name)
                    .toList());
            // PARTITION OF names a partition's NOT NULL constraints after its parent's; one attached keeps its own
            boolean renamedNotNulls = row.flag("relispartition") && tableColumns.stream()
                    .anyMatch(column -> ColumnNotNull.renamedInPartition(column, tableParents, columns));
            if (reordered || renamedNotNulls) {
                standalone = canCreateStandalone(row, tableColumns, tableChecks);
                if (!standalone && reordered && !row.flag("relispartition") && !row.has("of_type")
                        && InheritanceScaffold.fits(tableColumns, tableChecks)) {
                    standalone = true;
                    scaffold = new InheritanceScaffold(catalog, oid, name);
                }
                if (!standalone && reordered) {
                    context.script().unsupported(ref, "column order of table " + name + " (differs from what "
                            + (row.flag("relispartition") ? "PARTITION OF" : "INHERITS") + " gives)");
                } else if (!standalone) {
                    context.script().unsupported(ref, "NOT NULL constraint names of partition " + name
                            + " (differ from its parent's)");
                }
            }
            TableStatements.add(context, row, name, tableColumns, tableParents, columns, identities, tableChecks,
                    standalone, scaffold);
            notNullsAfterData(context, notNullsAfterData, name, tableColumns, tableParents, columns);
            if (row.text("kind").equals("r")) {
                // generated columns are computed by the restore: stored ones when a row is written, virtual ones
                // (18) whenever it is read
                context.script().table(ref, new TableData(name, tableColumns.stream()
                        .filter(column -> !column.isGenerated()).map(Column::name).toList()));
            }
        }
        notNullsAfterData.addTo(context.script());
    }

    /**
     * A table's NOT NULL constraints that exist only after the data: its own NOT VALID ones, the valid copies in it of
     * its parents' NOT VALID ones, and the comments on both.
     */
    private static void notNullsAfterData(ReadContext context, NotNullsAfterData later, QualifiedName name,
                                          List<Column> tableColumns, List<InheritanceParents.Parent> tableParents,
                                          Map<Long, List<Column>> allColumns) {
        for (Column column : tableColumns) {
            NotNullConstraint constraint = column.notNullConstraint();
            if (constraint == null) {
                continue;
            }
            boolean afterParent = ColumnNotNull.parentNotValid(column, tableParents, allColumns);
            if (!constraint.valid() && constraint.local()) {
                later.addNotValid(name, column);
            } else if (constraint.valid() && afterParent) {
                later.validate(name, column);
            }
            if (!constraint.valid() || afterParent) {
                later.comment(context, name, column);
            }
        }
    }

    /**
     * Whether a child whose columns are in another order than PARTITION OF or INHERITS gives can be created on its own
     * with its columns in their order and then given its parents, as pg_dump does for binary upgrades but without
     * editing the catalogs: ATTACH PARTITION makes a partition's columns inherited ones, as PARTITION OF does; INHERIT
     * leaves a child's columns and CHECK constraints its own, so it fits a child whose columns and constraints are all
     * its own (one made on its own and given its parent by INHERIT), NOT NULL constraints (18) too. Identity columns
     * cannot be attached.
     */
    private static boolean canCreateStandalone(Catalog.Row row, List<Column> tableColumns, List<Catalog.Row> checks) {
        if (row.has("of_type") || tableColumns.stream().anyMatch(Column::isIdentity)) {
            return false;
        }
        return row.flag("relispartition") || tableColumns.stream().allMatch(Column::local)
                && checks.stream().allMatch(check -> check.flag("conislocal"))
                && tableColumns.stream().allMatch(column -> column.notNullConstraint() == null
                || column.notNullConstraint().local() || !column.notNullConstraint().valid());
    }

    private static Map<Long, List<Catalog.Row>> checks(Catalog catalog) throws SQLException {
        Map<Long, List<Catalog.Row>> checks = new HashMap<>();
        for (Catalog.Row row : catalog.rows("SELECT c.oid, c.conrelid, c.conname, c.convalidated, c.conislocal, "
                + "pg_catalog.pg_get_constraintdef(c.oid) AS definition, (SELECT pg_catalog.array_agg(a.attname::text) "
                + "FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)) "
                + "AS columns FROM pg_catalog.pg_constraint c "
                + "WHERE c.contype = 'c' AND c.conrelid <> 0 AND c.conrelid >= " + Catalog.FIRST_NORMAL_OID
                + " ORDER BY c.conrelid, c.conname")) {
            checks.computeIfAbsent(row.number("conrelid"), k -> new ArrayList<>()).add(row);
        }
        return checks;
    }
}
