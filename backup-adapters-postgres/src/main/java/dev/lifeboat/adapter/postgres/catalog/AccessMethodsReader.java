package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.List;

/**
 * CREATE ACCESS METHOD for the index and table access methods made after initdb that no extension owns, with their
 * comments. Access methods have no schema, owner or privileges. The tables, materialized views and indexes that use
 * one name it themselves (USING).
 */
final class AccessMethodsReader {

    /** SQL condition on {@code pg_am a}: an access method the script recreates. */
    private static final String USER_METHOD = "a.oid >= " + Catalog.FIRST_NORMAL_OID + " AND "
            + Catalog.notExtensionMember("pg_am", "a.oid");

    private AccessMethodsReader() {
    }

    static void read(ReadContext context) throws SQLException {
        for (Catalog.Row row : context.catalog().rows("SELECT a.oid, a.amname, a.amtype::text AS type, "
                + CatalogNames.function("a.amhandler") + " AS handler FROM pg_catalog.pg_am a WHERE " + USER_METHOD
                + " ORDER BY a.amname")) {
            ObjectRef ref = new ObjectRef("pg_am", row.number("oid"));
            String name = Identifiers.quote(row.text("amname"));
            String label = "ACCESS METHOD " + row.text("amname");
            String type = switch (row.text("type")) {
                case "i" -> "INDEX";
                case "t" -> "TABLE";
                default -> null;
            };
            if (type == null) {
                context.script().unsupported(ref, "access method " + row.text("amname") + " (type "
                        + row.text("type") + ")");
                continue;
            }
            // no schema: access methods sort among themselves by name
            context.script().object(ref, ObjectRank.ACCESS_METHOD, new QualifiedName("", row.text("amname")), "")
                    .add(StatementKind.DEFINITION, label, "CREATE ACCESS METHOD " + name + " TYPE " + type
                            + " HANDLER " + row.text("handler"))
                    .addAll(context.comments().on(StatementPhase.PRE_DATA, ref, "ACCESS METHOD " + name, label));
        }
    }

    /**
     * Description lines: each access method, and the table access method of each table, partitioned table and
     * materialized view that has one other than heap (the relation lines do not say it; index lines do, in their
     * definition). A partitioned table names heap only when it was given it (PostgreSQL 17 and later).
     */
    static List<String> description(Catalog catalog) {
        return List.of(
                "SELECT 'pg_am' AS catalog, a.oid, pg_catalog.format('access method %s type %s handler %s', a.amname,"
                        + " a.amtype, " + CatalogNames.functionSignature("a.amhandler") + ") AS line"
                        + " FROM pg_catalog.pg_am a WHERE " + USER_METHOD,
                "SELECT 'pg_class' AS catalog, c.oid, pg_catalog.format('relation %s.%s access method %s', n.nspname,"
                        + " c.relname, a.amname) AS line FROM pg_catalog.pg_class c"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " JOIN pg_catalog.pg_am a ON a.oid = c.relam"
                        + " WHERE c.relkind IN ('r', 'p', 'm') AND (a.amname <> 'heap' OR c.relkind = 'p')"
                        + " AND " + Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_class", "c.oid"));
    }
}
