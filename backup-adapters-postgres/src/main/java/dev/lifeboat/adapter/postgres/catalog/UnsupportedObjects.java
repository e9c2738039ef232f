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
                "SELECT 'pg_event_trigger' AS catalog, e.oid, 'event trigger ' || e.evtname AS line FROM pg_catalog.pg_event_trigger e WHERE "
                        + userObject("pg_event_trigger", "e.oid"),
                "SELECT 'pg_publication' AS catalog, p.oid, 'publication ' || p.pubname AS line FROM pg_catalog.pg_publication p",
                "SELECT 'pg_foreign_data_wrapper' AS catalog, w.oid, 'foreign-data wrapper ' || w.fdwname AS line FROM pg_catalog.pg_foreign_data_wrapper w WHERE "
                        + userObject("pg_foreign_data_wrapper", "w.oid"),
                "SELECT 'pg_foreign_server' AS catalog, s.oid, 'foreign server ' || s.srvname AS line FROM pg_catalog.pg_foreign_server s WHERE "
                        + userObject("pg_foreign_server", "s.oid"),
                "SELECT 'pg_user_mapping' AS catalog, u.umid AS oid, 'user mapping for ' || u.usename || ' server ' || u.srvname AS line"
                        + " FROM pg_catalog.pg_user_mappings u",
                "SELECT NULL::text AS catalog, 0 AS oid, 'security label on ' || o.type || ' ' || o.identity AS line FROM pg_catalog.pg_seclabel s,"
                        + " LATERAL pg_catalog.pg_identify_object(s.classoid, s.objoid, s.objsubid) o"));
        if (catalog.single("SELECT pg_catalog.has_column_privilege('pg_catalog.pg_subscription', 'subname', "
                + "'SELECT')::text").equals("true")) {
            queries.add("SELECT 'pg_subscription' AS catalog, s.oid, 'subscription ' || s.subname AS line FROM pg_catalog.pg_subscription s"
                    + " WHERE s.subdbid = (SELECT d.oid FROM pg_catalog.pg_database d"
                    + " WHERE d.datname = pg_catalog.current_database())");
        }
        return queries;
    }
}
