package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Functions and procedures (pg_get_functiondef) and aggregates (assembled from pg_aggregate). Function bodies are not
 * checked at creation during a restore (check_function_bodies is off), so only the dependencies pg_depend records
 * (argument and result types, SQL-standard bodies) order them.
 */
final class FunctionsReader {

    private FunctionsReader() {
    }

    static void read(ReadContext context) throws SQLException {
        for (Catalog.Row row : context.catalog().rows("SELECT p.oid, n.nspname, p.proname, p.prokind::text AS kind, "
                + "pg_catalog.pg_get_function_identity_arguments(p.oid) AS arguments, "
                + "CASE WHEN p.prokind <> 'a' THEN pg_catalog.pg_get_functiondef(p.oid) END AS definition, "
                + ReadContext.ownerColumns("p.proowner", "p.proacl", 'f')
                + " FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace "
                + "WHERE " + Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_proc", "p.oid")
                + " AND " + Catalog.notInternal("pg_proc", "p.oid") + " ORDER BY n.nspname, p.proname, arguments")) {
            QualifiedName name = new QualifiedName(row.text("nspname"), row.text("proname"));
            ObjectRef ref = ObjectRef.function(row.number("oid"));
            String kind = row.text("kind");
            String keyword = switch (kind) {
                case "p" -> "PROCEDURE";
                case "a" -> "AGGREGATE";
                default -> "FUNCTION";
            };
            String arguments = row.text("arguments");
            String signature = name.quoted() + "(" + (kind.equals("a") && arguments.isEmpty() ? "*" : arguments) + ")";
            String label = keyword + " " + name + "(" + arguments + ")";
            String sql;
            if (kind.equals("a")) {
                sql = AggregateDefinition.of(context.catalog(), ref.oid(), name.quoted());
                if (sql == null) {
                    context.script().unsupported(ref, "aggregate " + name + "(" + arguments + ")");
                    continue;
                }
            } else {
                sql = row.text("definition").strip();
            }
            String target = keyword + " " + signature;
            List<SchemaStatement> extras = new ArrayList<>(
                    context.comments().on(StatementPhase.PRE_DATA, ref, target, label));
            extras.addAll(context.ownerAndPrivileges(StatementPhase.PRE_DATA, label, target,
                    (kind.equals("p") ? "PROCEDURE " : "FUNCTION ") + signature, row));
            context.script().object(ref, kind.equals("a") ? ObjectRank.AGGREGATE : ObjectRank.FUNCTION, name, arguments)
                    .add(StatementKind.DEFINITION, label, sql)
                    .addAll(extras);
        }
    }
}
