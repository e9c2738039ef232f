package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.List;

/**
 * Procedural languages made with CREATE LANGUAGE from handler functions, with their owner, comment and USAGE
 * privileges. Languages that belong to an extension (plpgsql, plperl, ...) are left to CREATE EXTENSION. The handler,
 * inline handler and validator are named as the restore session resolves them; pg_depend puts the functions first
 * and the functions written in the language after it.
 */
final class LanguagesReader {

    private LanguagesReader() {
    }

    static void read(ReadContext context) throws SQLException {
        for (Catalog.Row row : context.catalog().rows("SELECT l.oid, l.lanname, l.lanpltrusted, "
                + "l.lanplcallfoid::pg_catalog.regproc::text AS handler, "
                + "CASE WHEN l.laninline <> 0 THEN l.laninline::pg_catalog.regproc::text END AS inline, "
                + "CASE WHEN l.lanvalidator <> 0 THEN l.lanvalidator::pg_catalog.regproc::text END AS validator, "
                + ReadContext.ownerColumns("l.lanowner", "l.lanacl", 'l')
                + " FROM pg_catalog.pg_language l WHERE " + userLanguage() + " ORDER BY l.lanname")) {
            String name = row.text("lanname");
            ObjectRef ref = new ObjectRef("pg_language", row.number("oid"));
            String label = "LANGUAGE " + name;
            String target = "LANGUAGE " + Identifiers.quote(name);
            StringBuilder sql = new StringBuilder("CREATE ")
                    .append(row.flag("lanpltrusted") ? "TRUSTED " : "")
                    .append("LANGUAGE ").append(Identifiers.quote(name))
                    .append(" HANDLER ").append(row.text("handler"));
            if (row.has("inline")) {
                sql.append(" INLINE ").append(row.text("inline"));
            }
            if (row.has("validator")) {
                sql.append(" VALIDATOR ").append(row.text("validator"));
            }
            // a language belongs to no schema
            context.script().object(ref, ObjectRank.LANGUAGE, new QualifiedName("", name), "")
                    .add(StatementKind.DEFINITION, label, sql.toString())
                    .addAll(context.comments().on(StatementPhase.PRE_DATA, ref, target, label))
                    .addAll(context.ownerAndPrivileges(StatementPhase.PRE_DATA, label, target, target, row));
        }
    }

    /** SQL condition on the alias {@code l}: a procedural language of the user's, not an extension's. */
    private static String userLanguage() {
        return "l.lanispl AND l.oid >= " + Catalog.FIRST_NORMAL_OID + " AND "
                + Catalog.notExtensionMember("pg_language", "l.oid");
    }

    /** Description lines: each language with its trust and its functions. */
    static List<String> description(Catalog catalog) {
        return List.of("SELECT 'pg_language' AS catalog, l.oid, pg_catalog.format('language %s trusted %s handler %s"
                + " inline %s validator %s', l.lanname, l.lanpltrusted, l.lanplcallfoid::pg_catalog.regproc,"
                + " l.laninline::pg_catalog.regproc, l.lanvalidator::pg_catalog.regproc) AS line"
                + " FROM pg_catalog.pg_language l WHERE " + userLanguage());
    }
}
