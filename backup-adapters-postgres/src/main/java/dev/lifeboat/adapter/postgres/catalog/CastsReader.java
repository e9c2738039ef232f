package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.List;

/**
 * CREATE CAST for the casts made after initdb that no extension owns, as pg_dump chooses them (even between two
 * built-in types): WITH FUNCTION, WITHOUT FUNCTION (binary-coercible) or WITH INOUT, explicit, AS ASSIGNMENT or AS
 * IMPLICIT, with their comments. Casts have no owner and no privileges. The casts a range type makes to its
 * multirange are internal parts of it and come back with the range type.
 */
final class CastsReader {

    /** SQL condition on {@code pg_cast c}: a cast the script recreates. */
    private static final String USER_CAST = "c.oid >= " + Catalog.FIRST_NORMAL_OID + " AND "
            + Catalog.notExtensionMember("pg_cast", "c.oid") + " AND " + Catalog.notInternal("pg_cast", "c.oid");

    private CastsReader() {
    }

    static void read(ReadContext context) throws SQLException {
        for (Catalog.Row row : context.catalog().rows("SELECT c.oid, pg_catalog.format_type(c.castsource, NULL) AS source, "
                + "pg_catalog.format_type(c.casttarget, NULL) AS target, c.castmethod::text AS method, "
                + "c.castcontext::text AS context, " + CatalogNames.functionSignature("c.castfunc") + " AS function "
                + "FROM pg_catalog.pg_cast c WHERE " + USER_CAST + " ORDER BY source, target")) {
            ObjectRef ref = new ObjectRef("pg_cast", row.number("oid"));
            String cast = "(" + row.text("source") + " AS " + row.text("target") + ")";
            String label = "CAST " + cast;
            String how = switch (row.text("method")) {
                case "b" -> "WITHOUT FUNCTION";
                case "i" -> "WITH INOUT";
                default -> "WITH FUNCTION " + row.text("function");
            };
            String applies = switch (row.text("context")) {
                case "a" -> " AS ASSIGNMENT";
                case "i" -> " AS IMPLICIT";
                default -> "";
            };
            // a cast has no schema: it sorts among the casts by its types
            context.script().object(ref, ObjectRank.CAST, new QualifiedName("", row.text("source")), row.text("target"))
                    .add(StatementKind.DEFINITION, label, "CREATE CAST " + cast + " " + how + applies)
                    .addAll(context.comments().on(StatementPhase.PRE_DATA, ref, "CAST " + cast, label));
        }
    }

    /** Description lines: each cast with how it converts and where it applies by itself. */
    static List<String> description(Catalog catalog) {
        return List.of("SELECT 'pg_cast' AS catalog, c.oid, pg_catalog.format('cast (%s AS %s) method %s context %s"
                + " function %s', pg_catalog.format_type(c.castsource, NULL), pg_catalog.format_type(c.casttarget, NULL),"
                + " c.castmethod, c.castcontext, " + CatalogNames.functionSignature("c.castfunc") + ") AS line"
                + " FROM pg_catalog.pg_cast c WHERE " + USER_CAST);
    }
}
