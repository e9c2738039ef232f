package dev.lifeboat.adapter.postgres.catalog;

import java.util.List;

/**
 * A column's NOT NULL constraint from PostgreSQL 18 on, where it is a row of pg_constraint (contype {@code n}) with a
 * name, NO INHERIT, NOT VALID (the column is attnotnull yet may hold NULLs) and local and inherited counts, as CHECK
 * constraints have. Before 18 a NOT NULL is attnotnull alone, and a restore onto 18 gives it the name and state
 * making the table there gives.
 *
 * @param oid       the pg_constraint row
 * @param name      conname
 * @param local     conislocal: the table defines it itself, not only through its parents
 * @param inherited coninhcount: how many parents it comes from
 * @param noInherit connoinherit: the table's children do not get it
 * @param valid     convalidated: false for one added NOT VALID, which rows already there need not meet
 * @param defaultName whether its name is the one PostgreSQL gives a NOT NULL the table declares on the column
 */
record NotNullConstraint(long oid, String name, boolean local, int inherited, boolean noInherit, boolean valid,
                         boolean defaultName) {

    /**
     * Whether a plain NOT NULL the table declares makes this constraint: PostgreSQL names it so, and every version
     * takes it, as pg_dump writes it.
     */
    boolean plain() {
        return defaultName && !noInherit;
    }

    /** {@code CONSTRAINT "name" NOT NULL [NO INHERIT]}: the clause of a column definition, with its name. */
    String namedClause() {
        return "CONSTRAINT " + Identifiers.quote(name) + " NOT NULL" + (noInherit ? " NO INHERIT" : "");
    }

    /** {@code CONSTRAINT "name" NOT NULL "column" [NO INHERIT]}: what ALTER TABLE ... ADD takes. */
    String tableConstraint(String column) {
        return "CONSTRAINT " + Identifiers.quote(name) + " NOT NULL " + Identifiers.quote(column)
                + (noInherit ? " NO INHERIT" : "");
    }

    /** {@code CONSTRAINT "name" ON "s"."t"}: the target of its COMMENT. */
    String commentTarget(QualifiedName table) {
        return "CONSTRAINT " + Identifiers.quote(name) + " ON " + table.quoted();
    }

    ObjectRef ref() {
        return new ObjectRef("pg_constraint", oid);
    }

    /**
     * The SELECT columns of a column's NOT NULL constraint, {@code nnc} joined as {@link #join} does to pg_attribute
     * {@code a} of pg_class {@code c}; NULLs before 18.
     */
    static String columns(Catalog catalog) {
        return catalog.atLeast(18)
                ? "nnc.oid AS notnull_oid, nnc.conname AS notnull_name, nnc.conislocal AS notnull_local, "
                + "nnc.coninhcount AS notnull_inherited, nnc.connoinherit AS notnull_noinherit, "
                + "nnc.convalidated AS notnull_valid, nnc.conname = " + DEFAULT_NAME + " AS notnull_default_name"
                : "NULL::oid AS notnull_oid";
    }

    /** The join of a column's NOT NULL constraint to pg_attribute {@code a} (PostgreSQL 18 on). */
    static String join(Catalog catalog) {
        return catalog.atLeast(18) ? " LEFT JOIN pg_catalog.pg_constraint nnc ON nnc.conrelid = a.attrelid "
                + "AND nnc.contype = 'n' AND nnc.conkey = ARRAY[a.attnum]" : "";
    }

    /** The constraint in a row of {@link #columns}, or null when the column has none or the server is older than 18. */
    static NotNullConstraint of(Catalog.Row row) {
        if (!row.has("notnull_oid")) {
            return null;
        }
        return new NotNullConstraint(row.number("notnull_oid"), row.text("notnull_name"), row.flag("notnull_local"),
                (int) row.number("notnull_inherited"), row.flag("notnull_noinherit"), row.flag("notnull_valid"),
                row.flag("notnull_default_name"));
    }

    /**
     * The default name PostgreSQL gives a table's NOT NULL on a column, {@code <table>_<column>_not_null}, with the
     * table and column names cut as ChooseConstraintName cuts them to fit 63 bytes (single-byte names assumed), as
     * SQL over {@code c.relname} and {@code a.attname}.
     */
    static final String DEFAULT_NAME = "CASE WHEN pg_catalog.octet_length(c.relname) + pg_catalog.octet_length(a.attname) <= 53"
            + " THEN c.relname || '_' || a.attname"
            + " WHEN pg_catalog.octet_length(a.attname) <= 26"
            + " THEN pg_catalog.left(c.relname, 53 - pg_catalog.octet_length(a.attname)) || '_' || a.attname"
            + " WHEN pg_catalog.octet_length(c.relname) <= 26"
            + " THEN c.relname || '_' || pg_catalog.left(a.attname, 53 - pg_catalog.octet_length(c.relname))"
            + " ELSE pg_catalog.left(c.relname, 27) || '_' || pg_catalog.left(a.attname, 26) END || '_not_null'";

    /**
     * Description queries (PostgreSQL 18 on): a line for each NOT NULL constraint that is not what the column's
     * notnull fact and the table's parents make of it anyway. A restore of an older server's table makes on 18 only
     * such constraints: valid, inheritable, with its default name or a parent's, its own exactly when the column is
     * its own or no parent has one (as the same table made on 18 does), so a backup of 13 and its restore on 18
     * describe equal. Anything else (a name of the user's, NO INHERIT, NOT VALID, a column's own NOT NULL that is its
     * parents' alone, an inherited column's that is its own too) is a line of its own, naming the constraint.
     */
    static List<String> description(Catalog catalog) {
        if (!catalog.atLeast(18)) {
            return List.of();
        }
        return List.of("SELECT 'pg_constraint' AS catalog, k.oid, pg_catalog.format('not null constraint %s.%s.%s %s"
                + " local %s inherited %s noinherit %s valid %s', n.nspname, c.relname, a.attname, k.conname,"
                + " k.conislocal, k.coninhcount, k.connoinherit, k.convalidated) AS line"
                + " FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid = k.conrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]"
                + " WHERE k.contype = 'n' AND " + Catalog.USER_SCHEMA + " AND "
                + Catalog.notExtensionMember("pg_class", "c.oid")
                + " AND NOT (k.convalidated AND NOT k.connoinherit"
                + " AND k.conislocal = (a.attislocal OR k.coninhcount = 0)"
                + " AND (k.conname = " + DEFAULT_NAME + " OR k.coninhcount > 0 AND EXISTS (SELECT 1"
                + " FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_attribute pa ON pa.attrelid = i.inhparent"
                + " AND pa.attname = a.attname JOIN pg_catalog.pg_constraint pk ON pk.conrelid = pa.attrelid"
                + " AND pk.contype = 'n' AND pk.conkey = ARRAY[pa.attnum]"
                + " WHERE i.inhrelid = k.conrelid AND pk.conname = k.conname)))");
    }
}
