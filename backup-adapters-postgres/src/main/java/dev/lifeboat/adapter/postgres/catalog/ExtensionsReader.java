package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;

/**
 * CREATE EXTENSION for every extension but plpgsql (which every database has). The extension's own objects are not
 * dumped: they are left out by every other family. An extension's configuration tables (extconfig) hold data the
 * script does not carry, so they are reported as unsupported.
 */
final class ExtensionsReader {

    private ExtensionsReader() {
    }

    static void read(ReadContext context) throws SQLException {
        for (Catalog.Row row : context.catalog().rows("SELECT e.oid, e.extname, e.extversion, n.nspname, "
                + "EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass"
                + " AND d.objid = e.extnamespace AND d.refobjid = e.oid AND d.deptype = 'e') AS own_schema, "
                + "(SELECT pg_catalog.array_agg(pg_catalog.format('%s.%s', cn.nspname, c.relname)) "
                + "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace cn ON cn.oid = c.relnamespace "
                + "WHERE c.oid = ANY (e.extconfig)) AS config_tables "
                + "FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace "
                + "WHERE e.extname <> 'plpgsql' ORDER BY e.extname")) {
            String name = row.text("extname");
            ObjectRef ref = new ObjectRef("pg_extension", row.number("oid"));
            String label = "EXTENSION " + name;
            String sql = "CREATE EXTENSION IF NOT EXISTS " + Identifiers.quote(name)
                    + (row.flag("own_schema") ? "" : " WITH SCHEMA " + Identifiers.quote(row.text("nspname")))
                    + " VERSION " + Identifiers.literal(row.text("extversion"));
            context.script().object(ref, ObjectRank.EXTENSION, new QualifiedName(row.text("nspname"), name), "")
                    .add(StatementKind.DEFINITION, label, sql)
                    .addAll(context.comments().on(StatementPhase.PRE_DATA, ref,
                            "EXTENSION " + Identifiers.quote(name), label));
            for (String table : row.list("config_tables")) {
                context.script().unsupported("extension configuration table " + table + " (extension " + name + ")");
            }
        }
    }
}
