package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operators (pg_amop) and support functions (pg_amproc) of operator families, each as the item that adds it
 * ({@code OPERATOR 1 "s".<(integer, integer)}, {@code FUNCTION 1 (integer, integer) "s"."cmp"(integer, integer)}),
 * grouped by what it belongs to: the operator class pg_depend ties it to, or else its family (a "loose" member, added
 * by ALTER OPERATOR FAMILY, or one the access method decided belongs to the family). That is how pg_dump splits them:
 * a class's CREATE OPERATOR CLASS lists its own, the family's ALTER OPERATOR FAMILY ... ADD the loose ones. Each
 * member counts as what it belongs to, so that the class or family comes after the operators and functions it names.
 */
final class OperatorFamilyMembers {

    /** A member whose class or family no statement creates, and whether an extension owns that class or family. */
    private record Unclaimed(ObjectRef member, String line, boolean ownerFromExtension) {
    }

    private final Map<ObjectRef, List<String>> items = new HashMap<>();
    private final Map<ObjectRef, List<Unclaimed>> byOwner = new LinkedHashMap<>();

    private OperatorFamilyMembers() {
    }

    /** The members made after initdb that no extension owns, each aliased to its class or family. */
    static OperatorFamilyMembers read(ReadContext context) throws SQLException {
        OperatorFamilyMembers members = new OperatorFamilyMembers();
        Catalog catalog = context.catalog();
        for (Catalog.Row row : catalog.rows(query("pg_amop", "o.amopfamily", "o.amopstrategy",
                "'OPERATOR ' || o.amopstrategy || ' ' || " + CatalogNames.operator("o.amopopr")
                        + " || '(' || pg_catalog.format_type(o.amoplefttype, NULL) || ', '"
                        + " || pg_catalog.format_type(o.amoprighttype, NULL) || ')'"
                        + " || COALESCE(' FOR ORDER BY ' || " + CatalogNames.operatorFamily("o.amopsortfamily") + ", '')"))) {
            members.add(context, row, "operator");
        }
        for (Catalog.Row row : catalog.rows(query("pg_amproc", "o.amprocfamily", "o.amprocnum",
                "'FUNCTION ' || o.amprocnum || ' (' || pg_catalog.format_type(o.amproclefttype, NULL) || ', '"
                        + " || pg_catalog.format_type(o.amprocrighttype, NULL) || ') ' || "
                        + CatalogNames.functionSignature("o.amproc")))) {
            members.add(context, row, "function");
        }
        return members;
    }

    /**
     * The members of one catalog, with the class or family each belongs to and the item that adds it, in the order
     * of their strategy or support number.
     */
    private static String query(String table, String family, String number, String item) {
        String owner = "COALESCE((SELECT d.refobjid FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog." + table
                + "'::pg_catalog.regclass AND d.objid = o.oid AND d.refclassid = 'pg_catalog.pg_opclass'::pg_catalog.regclass"
                + " LIMIT 1), 0)";
        return "SELECT o.oid, m.opclass, " + family + " AS family, " + item + " AS item, "
                + CatalogNames.operatorFamily(family) + " AS family_name, "
                + "CASE WHEN m.opclass <> 0 THEN NOT " + Catalog.notExtensionMember("pg_opclass", "m.opclass")
                + " ELSE NOT " + Catalog.notExtensionMember("pg_opfamily", family) + " END AS owner_from_extension "
                + "FROM pg_catalog." + table + " o, LATERAL (SELECT " + owner + " AS opclass) m "
                + "WHERE o.oid >= " + Catalog.FIRST_NORMAL_OID + " AND " + Catalog.notExtensionMember(table, "o.oid")
                + " ORDER BY " + family + ", " + number + ", item";
    }

    private void add(ReadContext context, Catalog.Row row, String kind) {
        ObjectRef member = new ObjectRef(kind.equals("operator") ? "pg_amop" : "pg_amproc", row.number("oid"));
        ObjectRef owner = row.number("opclass") != 0 ? new ObjectRef("pg_opclass", row.number("opclass"))
                : new ObjectRef("pg_opfamily", row.number("family"));
        context.script().alias(member, owner);
        items.computeIfAbsent(owner, o -> new ArrayList<>()).add(row.text("item"));
        byOwner.computeIfAbsent(owner, o -> new ArrayList<>()).add(new Unclaimed(member,
                kind + " member " + row.text("item") + " of operator family " + row.text("family_name"),
                row.flag("owner_from_extension")));
    }

    /**
     * The items of an operator class's or family's own members, operators first (they are read first); the script
     * creates that class or family, so its members are not reported by {@link #reportUnclaimed}.
     */
    List<String> claim(ObjectRef owner) {
        byOwner.remove(owner);
        return List.copyOf(items.getOrDefault(owner, List.of()));
    }

    /**
     * Reports as unsupported the members added to a class or family that the script does not create and no
     * extension owns (one of the server's own, such as {@code pg_catalog.integer_ops}): pg_dump loses them.
     */
    void reportUnclaimed(ReadContext context) {
        byOwner.values().forEach(members -> members.stream().filter(member -> !member.ownerFromExtension())
                .forEach(member -> context.script().unsupported(member.member(), member.line())));
    }
}
