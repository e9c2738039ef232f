package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Row-level security: the ENABLE and FORCE switches of each table, and its policies. */
final class PoliciesReader {

    private PoliciesReader() {
    }

    static void read(ReadContext context) throws SQLException {
        for (Catalog.Row row : context.catalog().rows("SELECT c.oid, n.nspname, c.relname, c.relrowsecurity, "
                + "c.relforcerowsecurity FROM pg_catalog.pg_class c "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE (c.relrowsecurity OR c.relforcerowsecurity) AND c.relkind IN ('r', 'p') AND "
                + Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_class", "c.oid")
                + " ORDER BY n.nspname, c.relname")) {
            QualifiedName table = new QualifiedName(row.text("nspname"), row.text("relname"));
            String label = "TABLE " + table;
            ScriptBuilder.PostData post = context.script().post(ObjectRef.relation(row.number("oid")));
            if (row.flag("relrowsecurity")) {
                post.add(StatementPhase.POST_DATA, StatementKind.DEFINITION, label,
                        "ALTER TABLE " + table.quoted() + " ENABLE ROW LEVEL SECURITY");
            }
            if (row.flag("relforcerowsecurity")) {
                post.add(StatementPhase.POST_DATA, StatementKind.DEFINITION, label,
                        "ALTER TABLE " + table.quoted() + " FORCE ROW LEVEL SECURITY");
            }
        }
        for (Catalog.Row row : context.catalog().rows("SELECT p.oid, p.polname, p.polcmd::text AS command, "
                + "p.polpermissive, n.nspname, c.relname, "
                + "(SELECT pg_catalog.array_agg(CASE WHEN r = 0 THEN '' ELSE pg_catalog.pg_get_userbyid(r) END "
                + "ORDER BY 1) FROM pg_catalog.unnest(p.polroles) AS r) AS roles, "
                + "pg_catalog.pg_get_expr(p.polqual, p.polrelid) AS qual, "
                + "pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) AS with_check "
                + "FROM pg_catalog.pg_policy p JOIN pg_catalog.pg_class c ON c.oid = p.polrelid "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE " + Catalog.USER_SCHEMA + " AND "
                + Catalog.notExtensionMember("pg_class", "c.oid") + " ORDER BY n.nspname, c.relname, p.polname")) {
            QualifiedName table = new QualifiedName(row.text("nspname"), row.text("relname"));
            String policy = Identifiers.quote(row.text("polname"));
            String label = "POLICY " + row.text("polname") + " ON " + table;
            String command = switch (row.text("command")) {
                case "r" -> "SELECT";
                case "a" -> "INSERT";
                case "w" -> "UPDATE";
                case "d" -> "DELETE";
                default -> "ALL";
            };
            List<String> roles = new ArrayList<>();
            for (String role : row.list("roles")) {
                roles.add(role.isEmpty() ? "PUBLIC" : Identifiers.quote(role));
            }
            StringBuilder sql = new StringBuilder("CREATE POLICY ").append(policy).append(" ON ").append(table.quoted())
                    .append(row.flag("polpermissive") ? " AS PERMISSIVE" : " AS RESTRICTIVE")
                    .append(" FOR ").append(command)
                    .append(" TO ").append(roles.isEmpty() ? "PUBLIC" : String.join(", ", roles));
            if (row.has("qual")) {
                sql.append(" USING (").append(row.text("qual")).append(')');
            }
            if (row.has("with_check")) {
                sql.append(" WITH CHECK (").append(row.text("with_check")).append(')');
            }
            ObjectRef ref = new ObjectRef("pg_policy", row.number("oid"));
            context.script().post(ref)
                    .add(new SchemaStatement(StatementPhase.POST_DATA, StatementKind.DEFINITION, label, sql.toString(),
                            row.list("roles").stream().filter(role -> !role.isEmpty()).toList()))
                    .addAll(context.comments().on(StatementPhase.POST_DATA, ref,
                            "POLICY " + policy + " ON " + table.quoted(), label));
        }
    }
}
