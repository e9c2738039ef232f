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
                "SELECT NULL::text AS catalog, 0 AS oid, 'security label on ' || o.type || ' ' || o.identity AS line FROM pg_catalog.pg_seclabel s,"
                        + " LATERAL pg_catalog.pg_identify_object(s.classoid, s.objoid, s.objsubid) o"));
        return queries;
    }
}
