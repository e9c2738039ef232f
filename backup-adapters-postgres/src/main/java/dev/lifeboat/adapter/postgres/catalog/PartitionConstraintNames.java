package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;

/**
 * The constraints of partitions that belong to a constraint of their partitioned table (a primary key, unique,
 * exclusion or foreign key). The parent's constraint makes them (see {@link ConstraintsReader}) under names of
 * PostgreSQL's choosing; a partition's may have had a name of its own (it had the constraint before it was attached,
 * or it was renamed since). After the keys are added, each is found by what it belongs to (its parent constraint and
 * its table) and renamed, which renames its index too; a DO block, written where PL/pgSQL is there to run it, as
 * {@link PartitionIndexNames} writes its own.
 */
final class PartitionConstraintNames {

    private PartitionConstraintNames() {
    }

    static void read(ReadContext context) throws SQLException {
        if (context.catalog().rows("SELECT 1 FROM pg_catalog.pg_language WHERE lanname = 'plpgsql'").isEmpty()) {
            return;
        }
        for (Catalog.Row row : context.catalog().rows("SELECT c.oid, c.conname, n.nspname, t.relname, "
                + "pn.nspname AS parent_schema, pt.relname AS parent_table, p.conname AS parent_name "
                + "FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_constraint p ON p.oid = c.conparentid "
                + "JOIN pg_catalog.pg_class t ON t.oid = c.conrelid "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace "
                + "JOIN pg_catalog.pg_class pt ON pt.oid = p.conrelid "
                + "JOIN pg_catalog.pg_namespace pn ON pn.oid = pt.relnamespace "
                // a foreign key to a partitioned table has copies of its own on its own table, one a partition of
                // the table it references, which go with it: a partition's constraint is on another table
                + "WHERE c.contype IN ('p', 'u', 'x', 'f') AND c.conrelid <> p.conrelid AND " + Catalog.USER_SCHEMA
                + " AND " + Catalog.notExtensionMember("pg_class", "t.oid")
                // a partition's constraint is found by its parent constraint's name: the parents' first
                + " ORDER BY (SELECT pg_catalog.count(*) FROM pg_catalog.pg_partition_ancestors(t.oid)),"
                + " n.nspname, t.relname, c.conname")) {
            QualifiedName table = new QualifiedName(row.text("nspname"), row.text("relname"));
            QualifiedName parentTable = new QualifiedName(row.text("parent_schema"), row.text("parent_table"));
            String label = "CONSTRAINT " + row.text("conname") + " ON " + table;
            context.script().post(new ObjectRef("pg_constraint", row.number("oid")))
                    .add(StatementPhase.POST_DATA, StatementKind.DEFINITION, label,
                            rename(table, row.text("conname"), parentTable, row.text("parent_name")));
        }
    }

    /** Renames the constraint of {@code table} that belongs to {@code parent} on {@code parentTable}, if needed. */
    private static String rename(QualifiedName table, String name, QualifiedName parentTable, String parent) {
        // a literal, not dollar quotes: no name can end it
        return "DO " + Identifiers.literal("DECLARE made pg_catalog.text; BEGIN "
                + "SELECT c.conname INTO made FROM pg_catalog.pg_constraint c "
                + "JOIN pg_catalog.pg_constraint p ON p.oid = c.conparentid "
                + "WHERE c.conrelid = " + Identifiers.literal(table.quoted()) + "::pg_catalog.regclass "
                + "AND p.conrelid = " + Identifiers.literal(parentTable.quoted()) + "::pg_catalog.regclass "
                + "AND p.conname = " + Identifiers.literal(parent) + "; "
                + "IF made IS DISTINCT FROM " + Identifiers.literal(name) + " THEN "
                + "EXECUTE pg_catalog.format('ALTER TABLE %s RENAME CONSTRAINT %I TO %I', "
                + Identifiers.literal(table.quoted()) + ", made, " + Identifiers.literal(name) + "); END IF; END");
    }
}
