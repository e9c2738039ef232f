package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * CREATE COLLATION for the user's collations: libc (one locale, or lc_collate and lc_ctype apart), ICU (with its
 * tailoring rules on PostgreSQL 16 and later) and builtin (PostgreSQL 17 and later), deterministic or not. The
 * collation's version is left for the restoring server to record, as pg_dump does: it belongs to the library that
 * server uses.
 */
final class CollationsReader {

    /** lc_collate and lc_ctype of a libc collation; NULL for the other providers, as PostgreSQL 15 and later keep them. */
    private static final String COLLATE = "CASE WHEN c.collprovider = 'c' THEN c.collcollate::text END";
    private static final String CTYPE = "CASE WHEN c.collprovider = 'c' THEN c.collctype::text END";

    private CollationsReader() {
    }

    static void read(ReadContext context) throws SQLException {
        Catalog catalog = context.catalog();
        for (Catalog.Row row : catalog.rows("SELECT c.oid, n.nspname, c.collname, c.collprovider::text AS provider, "
                + "c.collisdeterministic, " + locale(catalog) + " AS locale, " + COLLATE + " AS lc_collate, "
                + CTYPE + " AS lc_ctype, " + rules(catalog) + " AS rules, "
                + "pg_catalog.pg_get_userbyid(c.collowner) AS owner "
                + "FROM pg_catalog.pg_collation c JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace "
                + "WHERE " + Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_collation", "c.oid")
                + " ORDER BY n.nspname, c.collname")) {
            QualifiedName name = new QualifiedName(row.text("nspname"), row.text("collname"));
            ObjectRef ref = new ObjectRef("pg_collation", row.number("oid"));
            String label = "COLLATION " + name;
            String target = "COLLATION " + name.quoted();
            List<String> options = options(row);
            if (options.isEmpty()) {
                context.script().unsupported(ref, "collation " + name + " (provider " + row.text("provider") + ")");
                continue;
            }
            context.script().object(ref, ObjectRank.COLLATION, name, "")
                    .add(StatementKind.DEFINITION, label,
                            "CREATE COLLATION " + name.quoted() + " (" + String.join(", ", options) + ")")
                    .addAll(context.comments().on(StatementPhase.PRE_DATA, ref, target, label))
                    .addAll(context.ownerAndPrivileges(StatementPhase.PRE_DATA, label, target, null, row));
        }
    }

    /** The options of CREATE COLLATION, or none for a provider it does not take (the database default's). */
    private static List<String> options(Catalog.Row row) {
        List<String> options = new ArrayList<>();
        switch (row.text("provider")) {
            case "c" -> {
                options.add("provider = libc");
                if (row.text("lc_collate").equals(row.text("lc_ctype"))) {
                    options.add("locale = " + Identifiers.literal(row.text("lc_collate")));
                } else {
                    options.add("lc_collate = " + Identifiers.literal(row.text("lc_collate")));
                    options.add("lc_ctype = " + Identifiers.literal(row.text("lc_ctype")));
                }
            }
            case "i" -> {
                options.add("provider = icu");
                options.add("locale = " + Identifiers.literal(row.text("locale")));
                if (row.has("rules")) {
                    options.add("rules = " + Identifiers.literal(row.text("rules")));
                }
            }
            case "b" -> {
                options.add("provider = builtin");
                options.add("locale = " + Identifiers.literal(row.text("locale")));
            }
            default -> {
                return List.of();
            }
        }
        if (!row.flag("collisdeterministic")) {
            options.add("deterministic = false");
        }
        return options;
    }

    /**
     * The locale of an ICU or builtin collation, wherever the server version keeps it: colllocale from PostgreSQL 17,
     * colliculocale in 15 and 16, collcollate (equal to collctype) before.
     */
    private static String locale(Catalog catalog) {
        String column = catalog.atLeast(17) ? "c.colllocale" : catalog.atLeast(15) ? "c.colliculocale" : "c.collcollate";
        return "CASE WHEN c.collprovider <> 'c' THEN " + column + "::text END";
    }

    private static String rules(Catalog catalog) {
        return catalog.atLeast(16) ? "c.collicurules" : "NULL::text";
    }

    /** Description lines: each collation with what it sorts by, the same on every server version. */
    static List<String> description(Catalog catalog) {
        return List.of("SELECT 'pg_collation' AS catalog, c.oid, pg_catalog.format('collation %s.%s provider %s"
                + " deterministic %s locale %s lc_collate %s lc_ctype %s rules %s', n.nspname, c.collname,"
                + " c.collprovider, c.collisdeterministic, " + locale(catalog) + ", " + COLLATE + ", " + CTYPE + ", "
                + rules(catalog) + ") AS line"
                + " FROM pg_catalog.pg_collation c JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace"
                + " WHERE " + Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_collation", "c.oid"));
    }
}
