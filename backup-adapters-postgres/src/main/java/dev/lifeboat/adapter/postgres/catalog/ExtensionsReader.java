package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CREATE EXTENSION for every extension but plpgsql (which every database has), at the version the restoring server
 * installs by default, as pg_restore does: the server's own library goes with that version, and an older version's
 * install script may not even be there (the version backed up is in the manifest's {@code extensions}). The extension's own objects are not
 * dumped: they are left out by every other family, and CREATE EXTENSION brings them back. What the user put into an
 * extension's configuration tables (those it registered with pg_extension_config_dump, with the condition that picks
 * the user's rows) is data the backup copies, as pg_dump does; its configuration sequences get their values back.
 */
final class ExtensionsReader {

    private ExtensionsReader() {
    }

    static void read(ReadContext context) throws SQLException {
        for (Catalog.Row row : context.catalog().rows("SELECT e.oid, e.extname, n.nspname, "
                + "EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass"
                + " AND d.objid = e.extnamespace AND d.refobjid = e.oid AND d.deptype = 'e') AS own_schema "
                + "FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace "
                + "WHERE e.extname <> 'plpgsql' ORDER BY e.extname")) {
            String name = row.text("extname");
            ObjectRef ref = new ObjectRef("pg_extension", row.number("oid"));
            String label = "EXTENSION " + name;
            String sql = "CREATE EXTENSION IF NOT EXISTS " + Identifiers.quote(name)
                    + (row.flag("own_schema") ? "" : " WITH SCHEMA " + Identifiers.quote(row.text("nspname")));
            context.script().object(ref, ObjectRank.EXTENSION, new QualifiedName(row.text("nspname"), name), "")
                    .add(StatementKind.DEFINITION, label, sql)
                    .addAll(context.comments().on(StatementPhase.PRE_DATA, ref,
                            "EXTENSION " + Identifiers.quote(name), label));
        }
        configuration(context);
    }

    /** The configuration tables and sequences of every extension, as data of the backup. */
    private static void configuration(ReadContext context) throws SQLException {
        Catalog catalog = context.catalog();
        for (Catalog.Row row : catalog.rows("SELECT c.oid, n.nspname, c.relname, c.relkind::text AS kind, "
                + "COALESCE(x.condition, '') AS condition, "
                + "(SELECT pg_catalog.array_agg(a.attname ORDER BY a.attnum) FROM pg_catalog.pg_attribute a "
                + "WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '') AS columns "
                + "FROM pg_catalog.pg_extension e, "
                + "LATERAL ROWS FROM (pg_catalog.unnest(e.extconfig), pg_catalog.unnest(e.extcondition)) AS x(relid, condition) "
                + "JOIN pg_catalog.pg_class c ON c.oid = x.relid "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relkind IN ('r', 'S') ORDER BY n.nspname, c.relname")) {
            QualifiedName name = new QualifiedName(row.text("nspname"), row.text("relname"));
            ObjectRef ref = ObjectRef.relation(row.number("oid"));
            if (row.text("kind").equals("S")) {
                SequencesReader.value(context, ref, name, "SEQUENCE " + name);
            } else {
                String condition = row.text("condition").strip();
                context.script().table(ref, new TableData(name, row.list("columns"),
                        condition.isEmpty() ? Optional.empty() : Optional.of(condition)));
            }
        }
    }

    /** The configuration tables, which a backup locks like any table it copies. */
    static List<QualifiedName> configurationTables(Catalog catalog) throws SQLException {
        List<QualifiedName> tables = new ArrayList<>();
        for (Catalog.Row row : catalog.rows("SELECT n.nspname, c.relname FROM pg_catalog.pg_extension e, "
                + "LATERAL pg_catalog.unnest(e.extconfig) AS x(relid) JOIN pg_catalog.pg_class c ON c.oid = x.relid "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r'")) {
            tables.add(new QualifiedName(row.text("nspname"), row.text("relname")));
        }
        return tables;
    }
}
