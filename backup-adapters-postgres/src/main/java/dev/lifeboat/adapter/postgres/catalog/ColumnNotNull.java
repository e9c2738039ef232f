package dev.lifeboat.adapter.postgres.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a table's or foreign table's column gets its NOT NULL back: in its definition, by a statement after the table
 * is made, or after the data ({@link NotNullsAfterData}). Before PostgreSQL 18 a NOT NULL is a flag of the column; from
 * 18 on it is a constraint ({@link NotNullConstraint}), written where the table defines it itself, by name where the
 * name is the user's (a plain NOT NULL gets the default name, and runs on older servers too, as pg_dump writes it):
 * one the table has from its parents alone comes with INHERITS or PARTITION OF, and a NOT VALID one is added after
 * the rows, which may hold NULLs.
 */
final class ColumnNotNull {

    private ColumnNotNull() {
    }

    /**
     * Whether a column in the column list of CREATE TABLE carries its NOT NULL there: before 18 whenever it has one
     * (as lifeboat always wrote it); from 18 on a valid one the table defines itself, or any valid one of a partition
     * made on its own and then attached, which ATTACH PARTITION wants it to have and which keeps its name through it.
     */
    static boolean inDefinition(Column column, boolean attachedPartition) {
        NotNullConstraint constraint = column.notNullConstraint();
        if (constraint == null) {
            return column.notNull();
        }
        return constraint.valid() && (constraint.local() || attachedPartition);
    }

    /**
     * The NOT NULL clause of a column definition: {@code NOT NULL}, or from 18 on the named constraint where it has a
     * name of the user's or NO INHERIT.
     */
    static String clause(Column column) {
        NotNullConstraint constraint = column.notNullConstraint();
        return constraint == null || constraint.plain() ? "NOT NULL" : constraint.namedClause();
    }

    /**
     * The statement giving a column made without its NOT NULL (an inherited column, a partition's, a typed table's)
     * the one it has of its own: before 18 one none of its parents gives it; from 18 on a valid one the table defines
     * itself (which also makes one it inherits its own), added by name where the name is the user's.
     *
     * @param alter       {@code ALTER TABLE ONLY "s"."t"} (or {@code ALTER FOREIGN TABLE ONLY ...})
     * @param fromParents whether a parent's column is NOT NULL (before 18, where it decides)
     */
    static Optional<String> ownStatement(String alter, Column column, boolean fromParents) {
        NotNullConstraint constraint = column.notNullConstraint();
        String setNotNull = alter + " ALTER COLUMN " + Identifiers.quote(column.name()) + " SET NOT NULL";
        if (constraint == null) {
            return column.notNull() && !fromParents ? Optional.of(setNotNull) : Optional.empty();
        }
        if (!constraint.valid() || !constraint.local()) {
            return Optional.empty();
        }
        return Optional.of(constraint.plain() ? setNotNull : alter + " ADD " + constraint.tableConstraint(column.name()));
    }

    /**
     * Whether the column gets its NOT NULL from a parent when it is made: before 18 whether a parent's column is NOT
     * NULL; from 18 on whether its valid constraint is inherited.
     */
    static boolean fromParents(Column column, List<InheritanceParents.Parent> parents,
                               Map<Long, List<Column>> allColumns) {
        NotNullConstraint constraint = column.notNullConstraint();
        if (constraint != null) {
            return constraint.valid() && constraint.inherited() > 0;
        }
        return column.notNull() && parentColumns(column, parents, allColumns).stream().anyMatch(Column::notNull);
    }

    /**
     * Whether a parent's column of the same name has a NOT VALID NOT NULL (18 on): the parent gets it after the data,
     * and the column only then, so that a valid one it inherits must be validated after that.
     */
    static boolean parentNotValid(Column column, List<InheritanceParents.Parent> parents,
                                  Map<Long, List<Column>> allColumns) {
        return parentColumns(column, parents, allColumns).stream().map(Column::notNullConstraint)
                .anyMatch(constraint -> constraint != null && !constraint.valid());
    }

    /**
     * Whether PARTITION OF would give a partition's column another NOT NULL constraint name than the partition's
     * (18 on): its parent's, where the partition was attached with one of its own.
     */
    static boolean renamedInPartition(Column column, List<InheritanceParents.Parent> parents,
                                      Map<Long, List<Column>> allColumns) {
        NotNullConstraint constraint = column.notNullConstraint();
        if (constraint == null || !constraint.valid() || constraint.inherited() == 0) {
            return false;
        }
        Column parent = InheritanceParents.inheritedColumn(column, parents, allColumns);
        NotNullConstraint parentConstraint = parent == null ? null : parent.notNullConstraint();
        return parentConstraint != null && parentConstraint.valid() && !parentConstraint.name().equals(constraint.name());
    }

    private static List<Column> parentColumns(Column column, List<InheritanceParents.Parent> parents,
                                              Map<Long, List<Column>> allColumns) {
        return parents.stream().flatMap(parent -> allColumns.getOrDefault(parent.oid(), List.of()).stream())
                .filter(candidate -> candidate.name().equals(column.name())).toList();
    }
}
