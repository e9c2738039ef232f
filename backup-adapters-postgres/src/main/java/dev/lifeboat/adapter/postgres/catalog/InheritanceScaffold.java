package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates an inheritance child whose inherited columns are not all ahead of its own (its parent added a column
 * after it was created) without editing the catalogs: a column is inherited (attislocal false) only when an
 * inheritance makes it. So the child is created empty under a scaffold parent; in the child's order, each inherited
 * column is added to the scaffold (which adds it to the child as an inherited one) and each of its own to the child
 * alone; the inherited CHECK constraints come through the scaffold too, and the child's own ones, which INHERIT wants
 * it to have already when they are its parents' too, are added to it. Then the child is given its real parents
 * (INHERIT counts each column and constraint they share), leaves the scaffold (its count drops back; a column still
 * inherited from a real parent stays inherited), and the scaffold is dropped.
 */
final class InheritanceScaffold {

    private final QualifiedName child;
    private final QualifiedName scaffold;
    private final Map<String, String> notNullNames = new HashMap<>();
    private final List<String> statements = new ArrayList<>();

    /**
     * @param catalog the catalogs: from PostgreSQL 18 on, an inherited NOT NULL is a constraint with its parent's
     *                name, which the scaffold's must have so that the child's ends with it; the child's columns know
     *                it. Before 18 a NOT NULL has no name, and a restore onto 18 names it after the ancestor that
     *                defines the column ({@code <table>_<column>_not_null}, cut as CREATE TABLE there cuts it), so the
     *                scaffold's takes that one.
     */
    InheritanceScaffold(Catalog catalog, long oid, QualifiedName child) throws SQLException {
        this.child = child;
        this.scaffold = new QualifiedName(child.schema(), "lifeboat scaffold " + child.name());
        if (catalog.atLeast(18)) {
            return;
        }
        for (Catalog.Row row : catalog.rows("WITH RECURSIVE ancestor AS (SELECT i.inhparent AS relation, 1 AS depth "
                + "FROM pg_catalog.pg_inherits i WHERE i.inhrelid = ? UNION ALL SELECT i.inhparent, a.depth + 1 "
                + "FROM pg_catalog.pg_inherits i JOIN ancestor a ON i.inhrelid = a.relation) "
                + "SELECT DISTINCT ON (a.attname) a.attname, " + NotNullConstraint.DEFAULT_NAME + " AS conname "
                + "FROM ancestor x JOIN pg_catalog.pg_class c ON c.oid = x.relation "
                + "JOIN pg_catalog.pg_attribute a ON a.attrelid = x.relation AND a.attislocal AND a.attnotnull "
                + "AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attname, x.depth DESC", oid)) {
            notNullNames.put(row.text("attname"), row.text("conname"));
        }
    }

    /**
     * Whether a child can be made this way: an inherited generated column, or an inherited CHECK constraint on one
     * of the child's own columns, would need the scaffold to have columns the child must not inherit; a default
     * that calls a user's function is set later than these statements run.
     */
    static boolean fits(List<Column> columns, List<Catalog.Row> checks) {
        List<String> own = columns.stream().filter(Column::local).map(Column::name).toList();
        return columns.stream().noneMatch(column -> column.isIdentity() || column.callsRoutine()
                || !column.local() && column.isGenerated())
                && checks.stream().filter(check -> !check.flag("conislocal")).allMatch(check ->
                check.flag("convalidated") && check.list("columns").stream().noneMatch(own::contains));
    }

    /** The CREATE TABLE of the child: empty, under the scaffold. */
    QualifiedName parent() {
        return scaffold;
    }

    String createScaffold() {
        return "CREATE TABLE " + scaffold.quoted() + " ()";
    }

    /**
     * A column of the child, in its order; {@code definition} is its full definition, for one of its own;
     * {@code notNullFromParents} whether its NOT NULL is its parents' ({@link ColumnNotNull#fromParents}), which it
     * then gets through the scaffold (one of its own comes later, see {@link ColumnNotNull#ownStatement}).
     */
    void column(Column column, String definition, boolean notNullFromParents) {
        String only = "ALTER TABLE ONLY " + child.quoted();
        String addToScaffold = "ALTER TABLE " + scaffold.quoted() + " ADD COLUMN " + Identifiers.quote(column.name())
                + " " + column.type() + (column.collation() == null ? "" : " COLLATE " + column.collation());
        NotNullConstraint constraint = column.notNullConstraint();
        if (column.local()) {
            statements.add(only + " ADD COLUMN " + definition);
            if (constraint != null && constraint.valid() && !constraint.local()) {
                // its own column whose NOT NULL (18) is its parents' alone: the scaffold's column, merged into it,
                // brings that
                statements.add(addToScaffold + " " + constraint.namedClause());
            }
            return;
        }
        // a named NOT NULL in the column's definition: every version takes it, and only 18 on keeps the name
        String name = constraint != null ? constraint.name() : notNullNames.get(column.name());
        boolean named = notNullFromParents && name != null;
        statements.add(addToScaffold + (named ? " CONSTRAINT " + Identifiers.quote(name) + " NOT NULL" : ""));
        if (notNullFromParents && !named) {
            statements.add("ALTER TABLE " + scaffold.quoted() + " ALTER COLUMN " + Identifiers.quote(column.name())
                    + " SET NOT NULL");
        }
        if (column.expression() != null) {
            statements.add(only + " ALTER COLUMN " + Identifiers.quote(column.name()) + " SET DEFAULT "
                    + column.expression());
        }
    }

    /** An inherited CHECK constraint: {@code definition} is {@code CONSTRAINT name CHECK (...)}. */
    void inheritedCheck(String definition) {
        statements.add("ALTER TABLE " + scaffold.quoted() + " ADD " + definition);
    }

    /** A CHECK constraint of the child's own, which may be its parents' too. */
    void ownCheck(String definition) {
        statements.add("ALTER TABLE ONLY " + child.quoted() + " ADD " + definition);
    }

    /** Everything after the child's CREATE TABLE, ending with the child under its parents and the scaffold gone. */
    List<String> statements(List<QualifiedName> parents) {
        List<String> all = new ArrayList<>(statements);
        parents.forEach(parent -> all.add("ALTER TABLE ONLY " + child.quoted() + " INHERIT " + parent.quoted()));
        all.add("ALTER TABLE ONLY " + child.quoted() + " NO INHERIT " + scaffold.quoted());
        all.add("DROP TABLE " + scaffold.quoted());
        return all;
    }
}
