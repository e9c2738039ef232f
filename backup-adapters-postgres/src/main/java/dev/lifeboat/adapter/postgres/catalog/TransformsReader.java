package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Transforms of a type for a language, in one or both directions, with their comments (they have no owner). The
 * functions are named with their argument types; pg_depend puts the type, the language and the functions first.
 */
final class TransformsReader {

    private TransformsReader() {
    }

    static void read(ReadContext context) throws SQLException {
        for (Catalog.Row row : context.catalog().rows("SELECT t.oid, pg_catalog.format_type(t.trftype, NULL) AS type, "
                + "l.lanname, "
                + "CASE WHEN t.trffromsql <> 0 THEN t.trffromsql::pg_catalog.regprocedure::text END AS from_sql, "
                + "CASE WHEN t.trftosql <> 0 THEN t.trftosql::pg_catalog.regprocedure::text END AS to_sql"
                + " FROM pg_catalog.pg_transform t JOIN pg_catalog.pg_language l ON l.oid = t.trflang"
                + " WHERE " + userTransform() + " ORDER BY type, l.lanname")) {
            ObjectRef ref = new ObjectRef("pg_transform", row.number("oid"));
            String target = "TRANSFORM FOR " + row.text("type") + " LANGUAGE " + Identifiers.quote(row.text("lanname"));
            String label = "TRANSFORM FOR " + row.text("type") + " LANGUAGE " + row.text("lanname");
            List<String> directions = new ArrayList<>();
            if (row.has("from_sql")) {
                directions.add("FROM SQL WITH FUNCTION " + row.text("from_sql"));
            }
            if (row.has("to_sql")) {
                directions.add("TO SQL WITH FUNCTION " + row.text("to_sql"));
            }
            // a transform belongs to no schema
            context.script().object(ref, ObjectRank.TRANSFORM,
                            new QualifiedName("", row.text("type") + " " + row.text("lanname")), "")
                    .add(StatementKind.DEFINITION, label,
                            "CREATE " + target + " (" + String.join(", ", directions) + ")")
                    .addAll(context.comments().on(StatementPhase.PRE_DATA, ref, target, label));
        }
    }

    /** SQL condition on the alias {@code t}: a transform of the user's, not an extension's. */
    private static String userTransform() {
        return "t.oid >= " + Catalog.FIRST_NORMAL_OID + " AND " + Catalog.notExtensionMember("pg_transform", "t.oid");
    }

    /**
     * Description lines: each transform with its functions, and its comment (pg_identify_object names a transform
     * differently on each server version, so transforms' comments are described here).
     */
    static List<String> description(Catalog catalog) {
        String from = " FROM pg_catalog.pg_transform t JOIN pg_catalog.pg_language l ON l.oid = t.trflang";
        return List.of(
                "SELECT 'pg_transform' AS catalog, t.oid, pg_catalog.format('transform for %s language %s from %s"
                        + " to %s', pg_catalog.format_type(t.trftype, NULL), l.lanname,"
                        + " t.trffromsql::pg_catalog.regprocedure, t.trftosql::pg_catalog.regprocedure) AS line"
                        + from + " WHERE " + userTransform(),
                "SELECT 'pg_transform' AS catalog, t.oid, pg_catalog.format('comment transform for %s language %s: %s',"
                        + " pg_catalog.format_type(t.trftype, NULL), l.lanname, d.description) AS line" + from
                        + " JOIN pg_catalog.pg_description d ON d.objoid = t.oid"
                        + " AND d.classoid = 'pg_catalog.pg_transform'::pg_catalog.regclass WHERE " + userTransform());
    }
}
