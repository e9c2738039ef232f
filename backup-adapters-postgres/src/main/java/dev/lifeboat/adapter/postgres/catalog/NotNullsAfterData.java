package dev.lifeboat.adapter.postgres.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * The NOT NULL constraints (PostgreSQL 18 on) a restore makes after the data, as pg_dump does: a NOT VALID one, over
 * rows that may hold NULLs, added to its table, whose children get it from there; then, in a child made after it
 * (which got a valid copy), the validation of that copy; then the comments on all of them, which need them to exist.
 * Gathered over every table, so that each step follows the last one on all tables.
 */
final class NotNullsAfterData {

    private record Later(ObjectRef owner, List<SchemaStatement> statements) {
    }

    private final List<Later> additions = new ArrayList<>();
    private final List<Later> validations = new ArrayList<>();
    private final List<Later> comments = new ArrayList<>();

    /**
     * A NOT VALID constraint the table defines itself; with NO INHERIT on the table alone, else on its children too,
     * as PostgreSQL wants of a table that has them.
     */
    void addNotValid(QualifiedName table, Column column) {
        NotNullConstraint constraint = column.notNullConstraint();
        String alter = constraint.noInherit() ? "ALTER TABLE ONLY " : "ALTER TABLE ";
        additions.add(new Later(constraint.ref(), List.of(statement(table, constraint,
                alter + table.quoted() + " ADD " + constraint.tableConstraint(column.name()) + " NOT VALID"))));
    }

    /** A valid constraint that the table's copy of a parent's NOT VALID one is. */
    void validate(QualifiedName table, Column column) {
        NotNullConstraint constraint = column.notNullConstraint();
        validations.add(new Later(constraint.ref(), List.of(statement(table, constraint, "ALTER TABLE "
                + table.quoted() + " VALIDATE CONSTRAINT " + Identifiers.quote(constraint.name())))));
    }

    /** The comment on a constraint that exists only after the data. */
    void comment(ReadContext context, QualifiedName table, Column column) {
        NotNullConstraint constraint = column.notNullConstraint();
        comments.add(new Later(constraint.ref(), context.comments().on(StatementPhase.POST_DATA, constraint.ref(),
                constraint.commentTarget(table), label(table, constraint))));
    }

    /** Puts the statements into the script, each step after the one before on every table. */
    void addTo(ScriptBuilder script) {
        for (List<Later> step : List.of(additions, validations, comments)) {
            step.forEach(later -> script.post(later.owner()).addAll(later.statements()));
        }
    }

    private static SchemaStatement statement(QualifiedName table, NotNullConstraint constraint, String sql) {
        return new SchemaStatement(StatementPhase.POST_DATA, StatementKind.DEFINITION, label(table, constraint), sql,
                List.of());
    }

    private static String label(QualifiedName table, NotNullConstraint constraint) {
        return "CONSTRAINT " + table + "." + constraint.name();
    }
}
