package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the objects a schema script does not reproduce, so a backup never drops them silently. Objects that belong
 * to an extension are left out: CREATE EXTENSION brings them back.
 */
final class UnsupportedObjects {

    private UnsupportedObjects() {
    }

    static void read(ReadContext context) throws SQLException {
        Catalog catalog = context.catalog();
        for (String query : queries(catalog)) {
            for (Catalog.Row row : catalog.rows(query)) {
                if (row.has("catalog")) {
                    context.script().unsupported(new ObjectRef(row.text("catalog"), row.number("oid")),
                            row.text("line"));
                } else {
                    context.script().unsupported(row.text("line"));
                }
            }
        }
    }

    private static String userObject(String catalog, String oid) {
        return oid + " >= " + Catalog.FIRST_NORMAL_OID + " AND " + Catalog.notExtensionMember(catalog, oid)
                + " AND " + Catalog.notInternal(catalog, oid);
    }

    private static List<String> queries(Catalog catalog) throws SQLException {
        List<String> queries = new ArrayList<>(List.of(
                "SELECT NULL::text AS catalog, 0 AS oid, 'large objects (' || pg_catalog.count(*) || ')' AS line"
                        + " FROM pg_catalog.pg_largeobject_metadata HAVING pg_catalog.count(*) > 0",
                "SELECT 'pg_operator' AS catalog, o.oid, pg_catalog.format('operator %s.%s(%s, %s)', n.nspname, o.oprname,"
                        + " pg_catalog.format_type(o.oprleft, NULL), pg_catalog.format_type(o.oprright, NULL)) AS line"
                        + " FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace"
                        + " WHERE " + userObject("pg_operator", "o.oid"),
                "SELECT 'pg_opclass' AS catalog, o.oid, pg_catalog.format('operator class %s.%s', n.nspname, o.opcname) AS line"
                        + " FROM pg_catalog.pg_opclass o JOIN pg_catalog.pg_namespace n ON n.oid = o.opcnamespace"
                        + " WHERE " + userObject("pg_opclass", "o.oid"),
                "SELECT 'pg_opfamily' AS catalog, o.oid, pg_catalog.format('operator family %s.%s', n.nspname, o.opfname) AS line"
                        + " FROM pg_catalog.pg_opfamily o JOIN pg_catalog.pg_namespace n ON n.oid = o.opfnamespace"
                        + " WHERE " + userObject("pg_opfamily", "o.oid"),
                "SELECT 'pg_cast' AS catalog, c.oid, pg_catalog.format('cast (%s AS %s)', pg_catalog.format_type(c.castsource, NULL),"
                        + " pg_catalog.format_type(c.casttarget, NULL)) AS line FROM pg_catalog.pg_cast c WHERE "
                        + userObject("pg_cast", "c.oid"),
                "SELECT 'pg_conversion' AS catalog, c.oid, pg_catalog.format('conversion %s.%s', n.nspname, c.conname) AS line"
                        + " FROM pg_catalog.pg_conversion c JOIN pg_catalog.pg_namespace n ON n.oid = c.connamespace"
                        + " WHERE " + userObject("pg_conversion", "c.oid"),
                "SELECT 'pg_ts_config' AS catalog, c.oid, pg_catalog.format('text search configuration %s.%s', n.nspname, c.cfgname) AS line"
                        + " FROM pg_catalog.pg_ts_config c JOIN pg_catalog.pg_namespace n ON n.oid = c.cfgnamespace"
                        + " WHERE " + userObject("pg_ts_config", "c.oid"),
                "SELECT 'pg_ts_dict' AS catalog, d.oid, pg_catalog.format('text search dictionary %s.%s', n.nspname, d.dictname) AS line"
                        + " FROM pg_catalog.pg_ts_dict d JOIN pg_catalog.pg_namespace n ON n.oid = d.dictnamespace"
                        + " WHERE " + userObject("pg_ts_dict", "d.oid"),
                "SELECT 'pg_ts_parser' AS catalog, p.oid, pg_catalog.format('text search parser %s.%s', n.nspname, p.prsname) AS line"
                        + " FROM pg_catalog.pg_ts_parser p JOIN pg_catalog.pg_namespace n ON n.oid = p.prsnamespace"
                        + " WHERE " + userObject("pg_ts_parser", "p.oid"),
                "SELECT 'pg_ts_template' AS catalog, t.oid, pg_catalog.format('text search template %s.%s', n.nspname, t.tmplname) AS line"
                        + " FROM pg_catalog.pg_ts_template t JOIN pg_catalog.pg_namespace n ON n.oid = t.tmplnamespace"
                        + " WHERE " + userObject("pg_ts_template", "t.oid"),
                "SELECT 'pg_collation' AS catalog, c.oid, pg_catalog.format('collation %s.%s', n.nspname, c.collname) AS line"
                        + " FROM pg_catalog.pg_collation c JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace"
                        + " WHERE " + userObject("pg_collation", "c.oid"),
                "SELECT 'pg_transform' AS catalog, t.oid, pg_catalog.format('transform for %s language %s', pg_catalog.format_type(t.trftype, NULL),"
                        + " l.lanname) AS line FROM pg_catalog.pg_transform t"
                        + " JOIN pg_catalog.pg_language l ON l.oid = t.trflang WHERE " + userObject("pg_transform", "t.oid"),
                "SELECT 'pg_language' AS catalog, l.oid, 'language ' || l.lanname AS line FROM pg_catalog.pg_language l WHERE "
                        + userObject("pg_language", "l.oid"),
                "SELECT 'pg_am' AS catalog, a.oid, 'access method ' || a.amname AS line FROM pg_catalog.pg_am a WHERE "
                        + userObject("pg_am", "a.oid"),
                "SELECT NULL::text AS catalog, 0 AS oid, 'security label on ' || o.type || ' ' || o.identity AS line FROM pg_catalog.pg_seclabel s,"
                        + " LATERAL pg_catalog.pg_identify_object(s.classoid, s.objoid, s.objsubid) o"));
        return queries;
    }
}
