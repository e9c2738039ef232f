package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Foreign tables: columns (type, collation, default, NOT NULL ({@link ColumnNotNull}), generated), CHECK constraints,
 * the server and the table's options, inheritance from tables and partitions of partitioned tables (a partition whose
 * columns are in another order than PARTITION OF gives is made on its own and attached); then each column's options
 * and settings ({@link ColumnSettings}), comments, owner and privileges (column privileges too). Their rows live
 * elsewhere, so a backup copies none, and a NOT VALID NOT NULL or CHECK constraint is added with the table.
 */
final class ForeignTablesReader {

    private ForeignTablesReader() {
    }

    static void read(ReadContext context, Map<Long, List<Column>> columns) throws SQLException {
        Catalog catalog = context.catalog();
        InheritanceParents parents = InheritanceParents.read(catalog);
        Map<Long, List<Catalog.Row>> checks = checks(catalog);
        Map<Long, Map<String, String>> columnOptions = columnOptions(catalog);
        for (Catalog.Row row : catalog.rows("SELECT c.oid, n.nspname, c.relname, c.relispartition, "
                + "CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END AS bound, "
                + "s.srvname, " + GenericOptions.clause("f.ftoptions") + " AS options, "
                + ReadContext.ownerColumns("c.relowner", "c.relacl", 'r')
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_catalog.pg_foreign_table f ON f.ftrelid = c.oid"
                + " JOIN pg_catalog.pg_foreign_server s ON s.oid = f.ftserver"
                + " WHERE c.relkind = 'f' AND " + Catalog.USER_SCHEMA + " AND "
                + Catalog.notExtensionMember("pg_class", "c.oid") + " ORDER BY n.nspname, c.relname")) {
            long oid = row.number("oid");
            QualifiedName name = new QualifiedName(row.text("nspname"), row.text("relname"));
            List<Column> tableColumns = columns.getOrDefault(oid, List.of());
            List<InheritanceParents.Parent> tableParents = parents.of(oid);
            boolean partition = row.flag("relispartition");
            ObjectRef ref = ObjectRef.relation(oid);
            for (InheritanceParents.Parent parent : tableParents) {
                if (parent.fromExtension()) {
                    context.script().unsupported(ref, "foreign table " + name + " (inherits from extension table "
                            + parent.name() + ")");
                }
            }
            boolean reordered = !tableParents.isEmpty() && !InheritanceParents.restoredOrder(tableColumns,
                    tableParents, columns, partition).equals(tableColumns.stream().map(Column::name).toList());
            boolean renamedNotNulls = partition && tableColumns.stream()
                    .anyMatch(column -> ColumnNotNull.renamedInPartition(column, tableParents, columns));
            // a partition made on its own and attached keeps its columns' order and its NOT NULL constraints' names
            boolean standalone = partition && (reordered || renamedNotNulls)
                    && tableColumns.stream().noneMatch(Column::isIdentity);
            if (reordered && !standalone) {
                context.script().unsupported(ref, "column order of foreign table " + name + " (differs from what "
                        + (partition ? "PARTITION OF" : "INHERITS") + " gives)");
            } else if (renamedNotNulls && !standalone) {
                context.script().unsupported(ref, "NOT NULL constraint names of foreign partition " + name
                        + " (differ from its parent's)");
            }
            table(context, row, name, tableColumns, tableParents, columns, checks.getOrDefault(oid, List.of()),
                    columnOptions.getOrDefault(oid, Map.of()), standalone);
        }
    }

    private static void table(ReadContext context, Catalog.Row row, QualifiedName name, List<Column> tableColumns,
                              List<InheritanceParents.Parent> tableParents, Map<Long, List<Column>> allColumns,
                              List<Catalog.Row> checks, Map<String, String> columnOptions, boolean standalone) {
        ObjectRef ref = ObjectRef.relation(row.number("oid"));
        String label = "FOREIGN TABLE " + name;
        String target = "FOREIGN TABLE " + name.quoted();
        String only = "ALTER FOREIGN TABLE ONLY " + name.quoted();
        boolean partition = row.flag("relispartition") && !standalone;
        List<String> elements = new ArrayList<>();
        List<String> afterCreate = new ArrayList<>();
        for (Column column : tableColumns) {
            String alter = only + " ALTER COLUMN " + Identifiers.quote(column.name());
            Column inherited = standalone ? null : InheritanceParents.inheritedColumn(column, tableParents, allColumns);
            NotNullConstraint constraint = column.notNullConstraint();
            if (standalone || !partition && column.local()) {
                elements.add(TableStatements.columnDefinition(column, null, true,
                        ColumnNotNull.inDefinition(column, standalone)));
                if (standalone && constraint != null && constraint.inherited() > 0) {
                    // ATTACH PARTITION makes the partition's NOT NULL its parent's: it was its own too
                    ColumnNotNull.ownStatement(only, column, true).ifPresent(afterCreate::add);
                }
            } else {
                String parentDefault = inherited == null || inherited.isGenerated() ? null : inherited.expression();
                String ownDefault = column.isGenerated() ? null : column.expression();
                // a parent's default set by its own later statement (see TablesReader) may not exist yet
                boolean parentDefaultLater = inherited != null && inherited.callsRoutine() && !inherited.isGenerated();
                if (!column.isGenerated() && (parentDefaultLater || !Objects.equals(parentDefault, ownDefault))) {
                    afterCreate.add(alter + (ownDefault == null ? " DROP DEFAULT" : " SET DEFAULT " + ownDefault));
                }
                ColumnNotNull.ownStatement(only, column, ColumnNotNull.fromParents(column, tableParents, allColumns))
                        .ifPresent(afterCreate::add);
            }
            if (constraint != null && !constraint.valid() && constraint.local()) {
                // no rows here to fail it: added with the table, whose children made after get it as a valid copy
                afterCreate.add((constraint.noInherit() ? only : "ALTER FOREIGN TABLE " + name.quoted()) + " ADD "
                        + constraint.tableConstraint(column.name()) + " NOT VALID");
            }
            if (columnOptions.containsKey(column.name())) {
                afterCreate.add(alter + " OPTIONS (" + columnOptions.get(column.name()) + ")");
            }
            afterCreate.addAll(ColumnSettings.statements(only, column, inherited));
        }
        for (Catalog.Row check : checks) {
            String definition = "CONSTRAINT " + Identifiers.quote(check.text("conname")) + " "
                    + check.text("definition");
            if (!check.flag("conislocal") && !(standalone && check.flag("convalidated"))) {
                // it comes with its parent; ATTACH PARTITION wants a partition made on its own to have it already
                continue;
            }
            if (partition || !check.flag("convalidated")) {
                afterCreate.add(only + " ADD " + definition);
            } else {
                elements.add(definition);
            }
        }
        StringBuilder sql = new StringBuilder("CREATE FOREIGN TABLE ").append(name.quoted());
        if (partition) {
            sql.append(" PARTITION OF ").append(tableParents.get(0).name().quoted()).append(' ')
                    .append(row.text("bound"));
        } else {
            sql.append(" (").append(String.join(", ", elements)).append(')');
            if (!tableParents.isEmpty() && !standalone) {
                sql.append(" INHERITS (").append(String.join(", ",
                        tableParents.stream().map(parent -> parent.name().quoted()).toList())).append(')');
            }
        }
        sql.append(" SERVER ").append(Identifiers.quote(row.text("srvname")))
                .append(GenericOptions.suffix(row.text("options")));
        PreDataObject object = context.script().object(ref, ObjectRank.TABLE, name, "")
                .add(StatementKind.DEFINITION, label, sql.toString());
        if (standalone) {
            object.add(StatementKind.DEFINITION, label, "ALTER TABLE " + tableParents.get(0).name().quoted()
                    + " ATTACH PARTITION " + name.quoted() + " " + row.text("bound"));
        }
        afterCreate.forEach(statement -> object.add(StatementKind.DEFINITION, label, statement));
        object.addAll(context.comments().on(StatementPhase.PRE_DATA, ref, target, label));
        for (Column column : tableColumns) {
            object.addAll(context.comments().on(StatementPhase.PRE_DATA, ref, column.attnum(),
                    "COLUMN " + name.quoted() + "." + Identifiers.quote(column.name()), label));
        }
        for (Catalog.Row check : checks) {
            if (check.flag("conislocal")) {
                object.addAll(context.comments().on(StatementPhase.PRE_DATA,
                        new ObjectRef("pg_constraint", check.number("oid")),
                        "CONSTRAINT " + Identifiers.quote(check.text("conname")) + " ON " + name.quoted(), label));
            }
        }
        for (Column column : tableColumns) {
            NotNullConstraint constraint = column.notNullConstraint();
            if (constraint != null) {
                object.addAll(context.comments().on(StatementPhase.PRE_DATA, constraint.ref(),
                        constraint.commentTarget(name), label));
            }
        }
        object.addAll(context.ownerAndPrivileges(StatementPhase.PRE_DATA, label, target, "TABLE " + name.quoted(),
                row));
        if (context.options().privileges()) {
            for (Column column : tableColumns) {
                object.addAll(Privileges.columnStatements(StatementPhase.PRE_DATA, label, "TABLE " + name.quoted(),
                        column.name(), column.grants()));
            }
        }
    }

    /** The CHECK constraints of foreign tables, their own and inherited ones. */
    private static Map<Long, List<Catalog.Row>> checks(Catalog catalog) throws SQLException {
        Map<Long, List<Catalog.Row>> checks = new HashMap<>();
        for (Catalog.Row row : catalog.rows("SELECT k.oid, k.conrelid, k.conname, k.convalidated, k.conislocal, "
                + "pg_catalog.pg_get_constraintdef(k.oid) AS definition FROM pg_catalog.pg_constraint k "
                + "JOIN pg_catalog.pg_class c ON c.oid = k.conrelid "
                + "WHERE k.contype = 'c' AND c.relkind = 'f' ORDER BY k.conrelid, k.conname")) {
            checks.computeIfAbsent(row.number("conrelid"), k -> new ArrayList<>()).add(row);
        }
        return checks;
    }

    /** Each foreign-table column's options (attfdwoptions), as the inside of an OPTIONS clause. */
    private static Map<Long, Map<String, String>> columnOptions(Catalog catalog) throws SQLException {
        Map<Long, Map<String, String>> options = new HashMap<>();
        for (Catalog.Row row : catalog.rows("SELECT a.attrelid, a.attname, " + GenericOptions.clause("a.attfdwoptions")
                + " AS options FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
                + " WHERE c.relkind = 'f' AND a.attnum > 0 AND NOT a.attisdropped AND a.attfdwoptions IS NOT NULL")) {
            if (row.has("options")) {
                options.computeIfAbsent(row.number("attrelid"), k -> new HashMap<>())
                        .put(row.text("attname"), row.text("options"));
            }
        }
        return options;
    }

    /**
     * Description queries: each foreign table's server and options, and each of its columns' NOT NULL (which the
     * general column line describes for tables only) and options.
     */
    static List<String> description(Catalog catalog) {
        String userTable = Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_class", "c.oid");
        return List.of(
                "SELECT 'pg_class' AS catalog, c.oid, pg_catalog.format('foreign table %s.%s server %s options %s',"
                        + " n.nspname, c.relname, s.srvname, " + GenericOptions.described("f.ftoptions") + ") AS line"
                        + " FROM pg_catalog.pg_foreign_table f JOIN pg_catalog.pg_class c ON c.oid = f.ftrelid"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " JOIN pg_catalog.pg_foreign_server s ON s.oid = f.ftserver WHERE " + userTable,
                "SELECT 'pg_class' AS catalog, c.oid, pg_catalog.format('foreign column %s.%s.%s notnull %s options %s',"
                        + " n.nspname, c.relname, a.attname, a.attnotnull, "
                        + GenericOptions.described("a.attfdwoptions") + ") AS line"
                        + " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind = 'f' AND a.attnum > 0 AND NOT a.attisdropped AND " + userTable);
    }
}
