package dev.lifeboat.adapter.postgres.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The statements that make one table or partitioned table, once {@link TablesReader} has read it from the catalog and
 * decided how it is to be made (with PARTITION OF or INHERITS, on its own and then attached, or through an
 * {@link InheritanceScaffold}); also the column definition that foreign tables share.
 */
final class TableStatements {

    private TableStatements() {
    }

    /**
     * Adds to the script the statements that make one table: CREATE TABLE, and after it what {@code standalone} (the
     * table is created on its own, then attached or given its parents) and {@code scaffold} call for, defaults set on
     * their own, replica identity, comments, owner and privileges, and the CHECK constraints not yet validated.
     */
    static void add(ReadContext context, Catalog.Row row, QualifiedName name, List<Column> tableColumns,
                    List<InheritanceParents.Parent> tableParents, Map<Long, List<Column>> allColumns,
                    Map<String, SequencesReader.IdentitySequence> identities, List<Catalog.Row> checks,
                    boolean standalone, InheritanceScaffold scaffold) {
        ObjectRef ref = ObjectRef.relation(row.number("oid"));
        String label = "TABLE " + name;
        String target = "TABLE " + name.quoted();
        String only = "ALTER TABLE ONLY " + name.quoted();
        // a standalone child is created without its parents, which it is given right after
        boolean partition = row.flag("relispartition") && !standalone;
        boolean attached = row.flag("relispartition") && standalone;
        List<QualifiedName> inherits = scaffold != null ? List.of(scaffold.parent())
                : standalone ? List.of() : tableParents.stream().map(InheritanceParents.Parent::name).toList();
        boolean typed = row.has("of_type");
        List<String> afterCreate = new ArrayList<>();
        List<Column> separateDefaults = new ArrayList<>();
        List<String> elements = new ArrayList<>();
        for (Column column : tableColumns) {
            Column inherited = standalone ? null : InheritanceParents.inheritedColumn(column, tableParents, allColumns);
            boolean listed = !partition && !typed && (standalone || column.local());
            boolean separateDefault = column.callsRoutine() && !column.isGenerated();
            // a child's column merged with a generated parent column takes the parent's expression: PostgreSQL
            // before 16 refuses to have it repeated
            boolean parentsGeneration = inherited != null && inherited.isGenerated() && column.isGenerated()
                    && Objects.equals(inherited.expression(), column.expression());
            if (listed) {
                String definition = columnDefinition(column, identities.get(row.number("oid") + ":"
                        + column.attnum()), !separateDefault && !parentsGeneration,
                        ColumnNotNull.inDefinition(column, attached));
                if (scaffold == null) {
                    elements.add(definition);
                } else {
                    boolean notNullFromParents = ColumnNotNull.fromParents(column, tableParents, allColumns);
                    scaffold.column(column, definition, notNullFromParents);
                    if (!column.local()) {
                        ColumnNotNull.ownStatement(only, column, notNullFromParents).ifPresent(afterCreate::add);
                    }
                }
                NotNullConstraint constraint = column.notNullConstraint();
                if (attached && constraint != null && constraint.inherited() > 0) {
                    // ATTACH PARTITION makes the partition's NOT NULL its parent's: it was its own too
                    ColumnNotNull.ownStatement(only, column, true).ifPresent(afterCreate::add);
                }
                if (separateDefault) {
                    separateDefaults.add(column);
                }
            } else {
                String alter = only + " ALTER COLUMN " + Identifiers.quote(column.name());
                String parentDefault = inherited == null || inherited.isGenerated() ? null : inherited.expression();
                String ownDefault = column.isGenerated() ? null : column.expression();
                // a parent's default set by its own later statement may or may not exist when this table is made
                boolean parentDefaultLater = inherited != null && inherited.callsRoutine() && !inherited.isGenerated();
                if (!column.isGenerated() && (parentDefaultLater || !Objects.equals(parentDefault, ownDefault))) {
                    if (ownDefault == null) {
                        afterCreate.add(alter + " DROP DEFAULT");
                    } else if (separateDefault) {
                        separateDefaults.add(column);
                    } else {
                        afterCreate.add(alter + " SET DEFAULT " + ownDefault);
                    }
                }
                ColumnNotNull.ownStatement(only, column, ColumnNotNull.fromParents(column, tableParents, allColumns))
                        .ifPresent(afterCreate::add);
                if (column.isGenerated() && !parentsGeneration) {
                    ownGeneration(context, ref, name, column, afterCreate);
                }
            }
            afterCreate.addAll(ColumnSettings.statements(only, column, inherited));
        }
        List<Catalog.Row> laterChecks = new ArrayList<>();
        for (Catalog.Row check : checks) {
            // ATTACH PARTITION wants the partition to have its parent's constraints already
            boolean attachedCheck = standalone && (row.flag("relispartition") || scaffold != null)
                    && check.flag("convalidated");
            if (!check.flag("conislocal") && !attachedCheck) {
                continue;
            }
            String definition = "CONSTRAINT " + Identifiers.quote(check.text("conname")) + " " + check.text("definition");
            if (scaffold != null && check.flag("convalidated")) {
                // INHERIT wants the child to have its parents' constraints already, a merged one of its own too
                if (check.flag("conislocal")) {
                    scaffold.ownCheck(definition);
                } else {
                    scaffold.inheritedCheck(definition);
                }
            } else if (!check.flag("convalidated")) {
                laterChecks.add(check);
            } else if (typed || partition) {
                afterCreate.add(only + " ADD " + definition);
            } else {
                elements.add(definition);
            }
        }
        StringBuilder sql = new StringBuilder("CREATE ");
        if ("u".equals(row.text("persistence"))) {
            sql.append("UNLOGGED ");
        }
        sql.append("TABLE ").append(name.quoted());
        if (partition) {
            sql.append(" PARTITION OF ").append(tableParents.get(0).name().quoted()).append(' ')
                    .append(row.text("bound"));
        } else if (typed) {
            sql.append(" OF ").append(row.text("of_type"));
        } else {
            sql.append(" (").append(String.join(", ", elements)).append(')');
            if (!inherits.isEmpty()) {
                sql.append(" INHERITS (").append(String.join(", ",
                        inherits.stream().map(QualifiedName::quoted).toList())).append(')');
            }
        }
        if (row.has("partition_key")) {
            sql.append(" PARTITION BY ").append(row.text("partition_key"));
        }
        // a partition without USING takes its parent's method, and a partitioned table has one only when given it
        if (row.has("amname") && (!row.text("amname").equals("heap") || partition || row.text("kind").equals("p"))) {
            sql.append(" USING ").append(Identifiers.quote(row.text("amname")));
        }
        List<String> options = new ArrayList<>(row.list("reloptions"));
        row.list("toast_options").forEach(option -> options.add("toast." + option));
        if (!options.isEmpty()) {
            sql.append(" WITH (").append(String.join(", ", options)).append(')');
        }
        PreDataObject object = context.script().object(ref, ObjectRank.TABLE, name, "");
        if (scaffold != null) {
            object.add(StatementKind.DEFINITION, label, scaffold.createScaffold());
        }
        object.add(StatementKind.DEFINITION, label, sql.toString());
        if (scaffold != null) {
            scaffold.statements(tableParents.stream().map(InheritanceParents.Parent::name).toList())
                    .forEach(statement -> object.add(StatementKind.DEFINITION, label, statement));
        } else if (standalone && row.flag("relispartition")) {
            object.add(StatementKind.DEFINITION, label, "ALTER TABLE " + tableParents.get(0).name().quoted()
                    + " ATTACH PARTITION " + name.quoted() + " " + row.text("bound"));
        } else if (standalone) {
            tableParents.forEach(parent -> object.add(StatementKind.DEFINITION, label,
                    only + " INHERIT " + parent.name().quoted()));
        }
        afterCreate.forEach(statement -> object.add(StatementKind.DEFINITION, label, statement));
        switch (row.text("replica_identity")) {
            case "f" -> object.add(StatementKind.DEFINITION, label, only + " REPLICA IDENTITY FULL");
            case "n" -> object.add(StatementKind.DEFINITION, label, only + " REPLICA IDENTITY NOTHING");
            // belongs to the index: an index left out of the backup takes it along
            case "i" -> context.script().post(ObjectRef.relation(row.number("replica_index_oid")))
                    .add(StatementPhase.POST_DATA, StatementKind.DEFINITION, label,
                            only + " REPLICA IDENTITY USING INDEX " + Identifiers.quote(row.text("replica_index")));
            default -> { }
        }
        for (Column column : separateDefaults) {
            ObjectRef defaultRef = new ObjectRef("pg_attrdef", column.defaultOid());
            context.script().object(defaultRef, ObjectRank.TABLE, name, "default " + column.name())
                    .add(StatementKind.DEFINITION, label, only + " ALTER COLUMN " + Identifiers.quote(column.name())
                            + " SET DEFAULT " + column.expression());
            context.script().dependency(defaultRef, ref);
        }
        object.addAll(context.comments().on(StatementPhase.PRE_DATA, ref, target, label));
        for (Column column : tableColumns) {
            object.addAll(context.comments().on(StatementPhase.PRE_DATA, ref, column.attnum(),
                    "COLUMN " + name.quoted() + "." + Identifiers.quote(column.name()), label));
        }
        for (Catalog.Row check : checks) {
            if (check.flag("conislocal") && check.flag("convalidated")) {
                object.addAll(context.comments().on(StatementPhase.PRE_DATA,
                        new ObjectRef("pg_constraint", check.number("oid")),
                        "CONSTRAINT " + Identifiers.quote(check.text("conname")) + " ON " + name.quoted(), label));
            }
        }
        for (Column column : tableColumns) {
            NotNullConstraint constraint = column.notNullConstraint();
            if (constraint != null && constraint.valid()
                    && !ColumnNotNull.parentNotValid(column, tableParents, allColumns)) {
                object.addAll(context.comments().on(StatementPhase.PRE_DATA, constraint.ref(),
                        constraint.commentTarget(name), label));
            }
        }
        object.addAll(context.ownerAndPrivileges(StatementPhase.PRE_DATA, label, target, target, row));
        if (context.options().privileges()) {
            for (Column column : tableColumns) {
                object.addAll(Privileges.columnStatements(StatementPhase.PRE_DATA, label, target, column.name(),
                        column.grants()));
            }
        }
        for (Catalog.Row check : laterChecks) {
            String constraintLabel = "CONSTRAINT " + name + "." + check.text("conname");
            ObjectRef checkRef = new ObjectRef("pg_constraint", check.number("oid"));
            // without ONLY, as pg_dump adds a CHECK: one that children inherit must reach them (ONLY is refused
            // then), and a child's own copy of it, added before or after, is merged with it
            context.script().post(checkRef)
                    .add(StatementPhase.POST_DATA, StatementKind.DEFINITION, constraintLabel,
                            "ALTER TABLE " + name.quoted() + " ADD CONSTRAINT "
                                    + Identifiers.quote(check.text("conname")) + " " + check.text("definition"))
                    .addAll(context.comments().on(StatementPhase.POST_DATA, checkRef,
                            "CONSTRAINT " + Identifiers.quote(check.text("conname")) + " ON " + name.quoted(),
                            constraintLabel));
        }
    }

    /**
     * An inherited generated column whose expression is not its parent's (PostgreSQL 16 on let a child have its own):
     * SET EXPRESSION, which exists from 17 on, while the table has no children yet.
     */
    private static void ownGeneration(ReadContext context, ObjectRef ref, QualifiedName name, Column column,
                                      List<String> afterCreate) {
        if (context.catalog().atLeast(17)) {
            afterCreate.add("ALTER TABLE " + name.quoted() + " ALTER COLUMN " + Identifiers.quote(column.name())
                    + " SET EXPRESSION AS (" + column.expression() + ")");
        } else {
            context.script().unsupported(ref, "generation expression of column " + name + "." + column.name()
                    + " (differs from its parent's)");
        }
    }

    /**
     * A column of CREATE TABLE; {@code withDefault} false leaves out its default (set by a later ALTER TABLE) or its
     * generation expression (the parent's, which it inherits); {@code withNotNull} false leaves out its NOT NULL
     * (see {@link ColumnNotNull#inDefinition}).
     */
    static String columnDefinition(Column column, SequencesReader.IdentitySequence identity, boolean withDefault,
                                   boolean withNotNull) {
        StringBuilder sql = new StringBuilder(Identifiers.quote(column.name())).append(' ').append(column.type());
        if (column.collation() != null) {
            sql.append(" COLLATE ").append(column.collation());
        }
        if (column.isGenerated()) {
            if (withDefault) {
                sql.append(" GENERATED ALWAYS AS (").append(column.expression())
                        .append(column.isVirtual() ? ") VIRTUAL" : ") STORED");
            }
        } else if (column.isIdentity()) {
            sql.append(column.identity().equals("a") ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY");
            if (identity != null) {
                sql.append(" (").append(identity.options()).append(')');
            }
        } else if (column.expression() != null && withDefault) {
            sql.append(" DEFAULT ").append(column.expression());
        }
        if (withNotNull) {
            sql.append(' ').append(ColumnNotNull.clause(column));
        }
        return sql.toString();
    }
}
