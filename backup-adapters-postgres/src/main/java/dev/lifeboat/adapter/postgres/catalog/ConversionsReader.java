package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.List;

/** CREATE [DEFAULT] CONVERSION for the user's encoding conversions, with their comments and owners. */
final class ConversionsReader {

    private ConversionsReader() {
    }

    static void read(ReadContext context) throws SQLException {
        for (Catalog.Row row : context.catalog().rows("SELECT c.oid, n.nspname, c.conname, c.condefault, "
                + "pg_catalog.pg_encoding_to_char(c.conforencoding) AS source, "
                + "pg_catalog.pg_encoding_to_char(c.contoencoding) AS target, "
                + CatalogNames.function("c.conproc") + " AS function, "
                + "pg_catalog.pg_get_userbyid(c.conowner) AS owner "
                + "FROM pg_catalog.pg_conversion c JOIN pg_catalog.pg_namespace n ON n.oid = c.connamespace "
                + "WHERE " + Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_conversion", "c.oid")
                + " ORDER BY n.nspname, c.conname")) {
            QualifiedName name = new QualifiedName(row.text("nspname"), row.text("conname"));
            ObjectRef ref = new ObjectRef("pg_conversion", row.number("oid"));
            String label = "CONVERSION " + name;
            String target = "CONVERSION " + name.quoted();
            context.script().object(ref, ObjectRank.CONVERSION, name, "")
                    .add(StatementKind.DEFINITION, label, "CREATE " + (row.flag("condefault") ? "DEFAULT " : "")
                            + "CONVERSION " + name.quoted() + " FOR " + Identifiers.literal(row.text("source"))
                            + " TO " + Identifiers.literal(row.text("target")) + " FROM " + row.text("function"))
                    .addAll(context.comments().on(StatementPhase.PRE_DATA, ref, target, label))
                    .addAll(context.ownerAndPrivileges(StatementPhase.PRE_DATA, label, target, null, row));
        }
    }

    /**
     * Description lines: each conversion with its encodings, function and whether it is the default. The function is
     * named without its arguments, which PostgreSQL 14 changed for the server's own conversion functions.
     */
    static List<String> description(Catalog catalog) {
        return List.of("SELECT 'pg_conversion' AS catalog, c.oid, pg_catalog.format('conversion %s.%s for %s to %s"
                + " function %s default %s', n.nspname, c.conname, pg_catalog.pg_encoding_to_char(c.conforencoding),"
                + " pg_catalog.pg_encoding_to_char(c.contoencoding), " + CatalogNames.function("c.conproc")
                + ", c.condefault) AS line"
                + " FROM pg_catalog.pg_conversion c JOIN pg_catalog.pg_namespace n ON n.oid = c.connamespace"
                + " WHERE " + Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_conversion", "c.oid"));
    }
}
