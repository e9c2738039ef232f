package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Privileges changed on objects the script does not create: those initdb made (pg_catalog's functions, tables and
 * their columns, types, languages, the pg_catalog and information_schema schemas) and the members of extensions
 * (made by CREATE EXTENSION). As pg_dump does, each object's ACL is compared with the one it started with
 * (pg_init_privs: privtype 'i' for initdb's objects, 'e' for extension members; the server's default for its kind
 * when it has no entry), and the script revokes what the initial ACL has that the current one lacks and grants what
 * the current one adds. The statements come after the data, when every extension's members exist and before the
 * materialized views are refreshed; grantors are not reproduced (the owner grants). Schema {@code public} is
 * {@link SchemasReader}'s.
 */
final class BuiltInPrivilegesReader {

    /**
     * One kind of object: where its rows are, its ACL and owner columns, how GRANT names it, and what PUBLIC is
     * granted on the kind's objects in information_schema, which initdb makes after it has recorded pg_init_privs:
     * such an object with an ACL started with its owner's default and that grant (a few have no ACL, no grant).
     */
    private record Kind(String catalog, String from, String oid, String acl, String owner, String aclKind,
                        String target, String subId, String column, String where, String namespace,
                        String informationSchemaGrant) {
    }

    private static final String RELATION_KINDS = "c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')";

    private static final List<Kind> KINDS = List.of(
            new Kind("pg_proc", "pg_catalog.pg_proc p", "p.oid", "p.proacl", "p.proowner", "'f'",
                    "CASE WHEN p.prokind = 'p' THEN 'PROCEDURE ' ELSE 'FUNCTION ' END"
                            + " || p.oid::pg_catalog.regprocedure::text", "0", "NULL::text", "true", "p.pronamespace", null),
            new Kind("pg_class", "pg_catalog.pg_class c", "c.oid", "c.relacl", "c.relowner",
                    "CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END",
                    "CASE WHEN c.relkind = 'S' THEN 'SEQUENCE ' ELSE 'TABLE ' END || c.oid::pg_catalog.regclass::text",
                    "0", "NULL::text", RELATION_KINDS, "c.relnamespace", "SELECT"),
            new Kind("pg_class", "pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid",
                    "c.oid", "a.attacl", "c.relowner", "'c'", "'TABLE ' || c.oid::pg_catalog.regclass::text",
                    "a.attnum", "a.attname::text", "a.attnum <> 0 AND NOT a.attisdropped AND " + RELATION_KINDS,
                    "c.relnamespace", null),
            new Kind("pg_type", "pg_catalog.pg_type t", "t.oid", "t.typacl", "t.typowner", "'T'",
                    "CASE WHEN t.typtype = 'd' THEN 'DOMAIN ' ELSE 'TYPE ' END || pg_catalog.format_type(t.oid, NULL)",
                    "0", "NULL::text", "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type a WHERE a.typarray = t.oid)"
                            + " AND (t.typrelid = 0 OR (SELECT c.relkind FROM pg_catalog.pg_class c"
                            + " WHERE c.oid = t.typrelid) = 'c')", "t.typnamespace", null),
            new Kind("pg_language", "pg_catalog.pg_language l", "l.oid", "l.lanacl", "l.lanowner", "'l'",
                    "'LANGUAGE ' || pg_catalog.quote_ident(l.lanname)", "0", "NULL::text", "true", "0", null),
            new Kind("pg_namespace", "pg_catalog.pg_namespace n", "n.oid", "n.nspacl", "n.nspowner", "'n'",
                    "'SCHEMA ' || pg_catalog.quote_ident(n.nspname)", "0", "NULL::text", "n.nspname <> 'public'", "n.oid",
                    "USAGE"),
            new Kind("pg_foreign_data_wrapper", "pg_catalog.pg_foreign_data_wrapper w", "w.oid", "w.fdwacl",
                    "w.fdwowner", "'F'", "'FOREIGN DATA WRAPPER ' || pg_catalog.quote_ident(w.fdwname)", "0",
                    "NULL::text", "true", "0", null),
            new Kind("pg_foreign_server", "pg_catalog.pg_foreign_server s", "s.oid", "s.srvacl", "s.srvowner",
                    "'S'", "'FOREIGN SERVER ' || pg_catalog.quote_ident(s.srvname)", "0", "NULL::text", "true", "0", null));

    private BuiltInPrivilegesReader() {
    }

    static void read(ReadContext context) throws SQLException {
        if (!context.options().privileges()) {
            return;
        }
        for (Kind kind : KINDS) {
            for (Catalog.Row row : context.catalog().rows(query(kind))) {
                // an extension member's statements belong to its extension, left out with it if it is
                ObjectRef owner = row.has("extension") ? new ObjectRef("pg_extension", row.number("extension"))
                        : new ObjectRef(kind.catalog(), row.number("oid"));
                String columns = row.has("column") ? " (" + Identifiers.quote(row.text("column")) + ")" : "";
                context.script().post(owner).addAll(delta(row.text("target"), columns, row.list("initial"),
                        row.list("current")));
            }
        }
    }

    private static String query(Kind kind) {
        String defaultAcl = "pg_catalog.acldefault((" + kind.aclKind() + ")::\"char\", " + kind.owner() + ")";
        String current = "COALESCE(" + kind.acl() + ", " + defaultAcl + ")";
        String initial = "COALESCE(ip.initprivs, " + defaultAcl + ")";
        if (kind.informationSchemaGrant() != null) {
            initial = "COALESCE(ip.initprivs, CASE WHEN " + kind.namespace() + " = 'information_schema'"
                    + "::pg_catalog.regnamespace AND " + kind.oid() + " < " + Catalog.FIRST_NORMAL_OID
                    + " AND " + kind.acl() + " IS NOT NULL"
                    + " THEN pg_catalog.array_append(" + defaultAcl + ", pg_catalog.makeaclitem(0, " + kind.owner()
                    + ", '" + kind.informationSchemaGrant() + "', false)) ELSE " + defaultAcl + " END)";
        }
        return "SELECT " + kind.oid() + " AS oid, " + kind.target() + " AS target, " + kind.column() + " AS column, "
                + "x.refobjid AS extension, " + Privileges.grantsColumn(current) + " AS current, "
                + Privileges.grantsColumn(initial) + " AS initial FROM " + kind.from()
                + " LEFT JOIN pg_catalog.pg_init_privs ip ON ip.classoid = 'pg_catalog." + kind.catalog()
                + "'::pg_catalog.regclass AND ip.objoid = " + kind.oid() + " AND ip.objsubid = " + kind.subId()
                + " LEFT JOIN pg_catalog.pg_depend x ON x.classid = 'pg_catalog." + kind.catalog()
                + "'::pg_catalog.regclass AND x.objid = " + kind.oid() + " AND x.objsubid = 0 AND x.deptype = 'e'"
                + " WHERE (" + kind.oid() + " < " + Catalog.FIRST_NORMAL_OID + " OR x.refobjid IS NOT NULL)"
                + " AND " + kind.where() + " AND " + current + " IS DISTINCT FROM " + initial
                + " ORDER BY 2, 3";
    }

    /** REVOKE what {@code initial} has and {@code current} lacks, then GRANT what {@code current} adds. */
    static List<SchemaStatement> delta(String target, String columns, List<String> initial, List<String> current) {
        Map<String, AclEntry> before = entries(initial);
        Map<String, AclEntry> after = entries(current);
        Map<Grantee, List<String>> revokes = new LinkedHashMap<>();
        Map<Grantee, List<String>> revokeGrantOptions = new LinkedHashMap<>();
        for (AclEntry entry : before.values()) {
            AclEntry now = after.get(key(entry));
            if (now == null) {
                revokes.computeIfAbsent(new Grantee(entry.role(), false), g -> new ArrayList<>())
                        .add(entry.privilege() + columns);
            } else if (entry.grantable() && !now.grantable()) {
                revokeGrantOptions.computeIfAbsent(new Grantee(entry.role(), false), g -> new ArrayList<>())
                        .add(entry.privilege() + columns);
            }
        }
        Map<Grantee, List<String>> grants = new LinkedHashMap<>();
        for (AclEntry entry : after.values()) {
            AclEntry then = before.get(key(entry));
            if (then == null || entry.grantable() && !then.grantable()) {
                grants.computeIfAbsent(new Grantee(entry.role(), entry.grantable()), g -> new ArrayList<>())
                        .add(entry.privilege() + columns);
            }
        }
        List<SchemaStatement> statements = new ArrayList<>();
        String label = "PRIVILEGES ON " + target;
        revokes.forEach((grantee, privileges) -> statements.add(grantee.statement(label, "REVOKE "
                + String.join(", ", privileges) + " ON " + target + " FROM " + grantee.sql())));
        revokeGrantOptions.forEach((grantee, privileges) -> statements.add(grantee.statement(label,
                "REVOKE GRANT OPTION FOR " + String.join(", ", privileges) + " ON " + target + " FROM "
                        + grantee.sql())));
        grants.forEach((grantee, privileges) -> statements.add(grantee.statement(label, "GRANT "
                + String.join(", ", privileges) + " ON " + target + " TO " + grantee.sql()
                + (grantee.withGrantOption() ? " WITH GRANT OPTION" : ""))));
        return statements;
    }

    private static Map<String, AclEntry> entries(List<String> texts) {
        Map<String, AclEntry> entries = new LinkedHashMap<>();
        for (String text : texts) {
            AclEntry entry = AclEntry.parse(text);
            entries.put(key(entry), entry);
        }
        return entries;
    }

    /** What makes two entries the same grant, whatever their grant option: the grantee and the privilege. */
    private static String key(AclEntry entry) {
        return entry.grantee() + "|" + entry.privilege();
    }

    /** Who a statement names: a role, or PUBLIC. */
    private record Grantee(Optional<String> role, boolean withGrantOption) {

        String sql() {
            return role.map(Identifiers::quote).orElse("PUBLIC");
        }

        SchemaStatement statement(String label, String sql) {
            return new SchemaStatement(StatementPhase.POST_DATA, StatementKind.PRIVILEGE, label, sql,
                    role.map(List::of).orElse(List.of()));
        }
    }
}
