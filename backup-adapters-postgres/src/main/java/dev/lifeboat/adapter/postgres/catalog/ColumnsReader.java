package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The live columns of every user relation (tables, views, materialized views, composite types), by relation. */
final class ColumnsReader {

    private ColumnsReader() {
    }

    static Map<Long, List<Column>> read(Catalog catalog) throws SQLException {
        String statistics = catalog.atLeast(17) ? "COALESCE(a.attstattarget, -1)" : "a.attstattarget";
        Map<Long, List<Column>> columns = new HashMap<>();
        for (Catalog.Row row : catalog.rows("SELECT a.attrelid, a.attnum, a.attname, "
                + "pg_catalog.format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull, a.attidentity::text, "
                + "a.attgenerated::text, pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS expression, a.attislocal, "
                + "CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0 THEN "
                + "pg_catalog.format('%s.%s', pg_catalog.quote_ident(con.nspname), pg_catalog.quote_ident(co.collname))"
                + " END AS collation, "
                + "CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage::text END AS storage, "
                + "t.typstorage::text AS type_storage, a.attoptions, "
                + statistics + " AS statistics, "
                + (catalog.atLeast(14) ? "NULLIF(a.attcompression::text, '')" : "NULL::text") + " AS compression, "
                + "COALESCE(d.oid, 0) AS default_oid, EXISTS (SELECT 1 FROM pg_catalog.pg_depend dd "
                + "WHERE dd.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass AND dd.objid = d.oid "
                + "AND dd.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND dd.refobjid >= "
                + Catalog.FIRST_NORMAL_OID + ") AS calls_routine, "
                + Privileges.grantsColumn("a.attacl") + " AS grants, " + NotNullConstraint.columns(catalog)
                + " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
                + "LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation "
                + "LEFT JOIN pg_catalog.pg_namespace con ON con.oid = co.collnamespace"
                + NotNullConstraint.join(catalog)
                + " "
                + "WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'c', 'f') AND "
                + Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_class", "c.oid")
                + " ORDER BY a.attrelid, a.attnum")) {
            long relation = row.number("attrelid");
            List<Column> list = columns.computeIfAbsent(relation, r -> new ArrayList<>());
            list.add(new Column(relation, (int) row.number("attnum"), list.size() + 1, row.text("attname"),
                    row.text("type"), row.flag("attnotnull"), row.text("attidentity"), row.text("attgenerated"),
                    row.text("expression"), row.flag("attislocal"), row.text("collation"), row.text("storage"),
                    (int) row.number("statistics"), row.text("compression"),
                    row.number("default_oid"), row.flag("calls_routine"), row.list("grants"),
                    row.text("type_storage"), row.list("attoptions"), NotNullConstraint.of(row)));
        }
        return columns;
    }
}
