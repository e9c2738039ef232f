package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ALTER DEFAULT PRIVILEGES from pg_default_acl, at the very end so they do not touch the objects the script itself
 * creates. A database-wide entry replaces the built-in defaults, so the script revokes those first; an entry for
 * one schema only adds to them.
 */
final class DefaultPrivilegesReader {

    private DefaultPrivilegesReader() {
    }

    static void read(ReadContext context) throws SQLException {
        if (!context.options().privileges()) {
            return;
        }
        for (Catalog.Row row : context.catalog().rows("SELECT d.oid, pg_catalog.pg_get_userbyid(d.defaclrole) AS role, "
                + "n.nspname, d.defaclobjtype::text AS kind, " + Privileges.grantsColumn("d.defaclacl") + " AS grants, "
                + "CASE WHEN d.defaclobjtype IN ('r', 'S', 'f', 'T', 'n', 'L') THEN"
                + " (SELECT pg_catalog.array_agg(a.privilege_type ORDER BY o) FROM pg_catalog.aclexplode("
                + "pg_catalog.acldefault(CASE d.defaclobjtype WHEN 'S' THEN 's' ELSE d.defaclobjtype END, d.defaclrole))"
                + " WITH ORDINALITY AS a(grantor, grantee, privilege_type, is_grantable, o)"
                + " WHERE a.grantee = d.defaclrole) END AS all_privileges "
                + "FROM pg_catalog.pg_default_acl d LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace "
                + "ORDER BY role, n.nspname NULLS FIRST, kind")) {
            ObjectRef ref = new ObjectRef("pg_default_acl", row.number("oid"));
            Optional<String> objects = objects(row.text("kind"));
            if (objects.isEmpty()) {
                // a kind of a newer server: guessing it would grant privileges on objects of another kind
                context.script().unsupported(ref, "default privileges of role " + row.text("role")
                        + (row.has("nspname") ? " in schema " + row.text("nspname") : "") + " on objects of kind '"
                        + row.text("kind") + "'");
                continue;
            }
            String prefix = "ALTER DEFAULT PRIVILEGES FOR ROLE " + Identifiers.quote(row.text("role"))
                    + (row.has("nspname") ? " IN SCHEMA " + Identifiers.quote(row.text("nspname")) : "") + " ";
            String label = "DEFAULT PRIVILEGES FOR " + row.text("role")
                    + (row.has("nspname") ? " IN " + row.text("nspname") : "");
            ScriptBuilder.PostData post = context.script().post(ref);
            if (!row.has("nspname")) {
                post.add(new SchemaStatement(StatementPhase.POST_DATA, StatementKind.PRIVILEGE, label,
                        prefix + "REVOKE ALL ON " + objects.get() + " FROM PUBLIC", List.of(row.text("role"))));
                post.add(new SchemaStatement(StatementPhase.POST_DATA, StatementKind.PRIVILEGE, label,
                        prefix + "REVOKE ALL ON " + objects.get() + " FROM " + Identifiers.quote(row.text("role")),
                        List.of(row.text("role"))));
            }
            for (SchemaStatement grant : Privileges.grants(StatementPhase.POST_DATA, label, "", objects.get(),
                    row.list("grants"), row.list("all_privileges"))) {
                List<String> roles = new ArrayList<>(grant.roles());
                roles.add(row.text("role"));
                post.add(new SchemaStatement(StatementPhase.POST_DATA, StatementKind.PRIVILEGE, label,
                        prefix + grant.sql(), roles));
            }
        }
    }

    /** What ALTER DEFAULT PRIVILEGES calls the objects of a pg_default_acl kind; empty for a kind it does not know. */
    private static Optional<String> objects(String kind) {
        return Optional.ofNullable(switch (kind) {
            case "r" -> "TABLES";
            case "S" -> "SEQUENCES";
            case "f" -> "FUNCTIONS";
            case "T" -> "TYPES";
            case "n" -> "SCHEMAS";
            case "L" -> "LARGE OBJECTS";
            default -> null;
        });
    }
}
