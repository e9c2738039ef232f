package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Functions and procedures (pg_get_functiondef) and aggregates (assembled from pg_aggregate). Function bodies are not
 * checked at creation during a restore (check_function_bodies is off), so only the dependencies pg_depend records
 * (argument and result types, SQL-standard bodies) order them. A SQL-standard body that relies on a primary key (a
 * GROUP BY using the key's functional dependency) can only be created once the key exists, which is after the data:
 * as pg_dump does, such a function is created after the data, and whatever needs it before the data is refused.
 */
final class FunctionsReader {

    private FunctionsReader() {
    }

    static void read(ReadContext context) throws SQLException {
        for (Catalog.Row row : context.catalog().rows("SELECT p.oid, n.nspname, p.proname, p.prokind::text AS kind, "
                + "pg_catalog.pg_get_function_identity_arguments(p.oid) AS arguments, "
                + "CASE WHEN p.prokind <> 'a' THEN pg_catalog.pg_get_functiondef(p.oid) END AS definition, "
                + "EXISTS (SELECT 1 FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_constraint k ON k.oid = d.refobjid "
                + "WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid = p.oid "
                + "AND d.refclassid = 'pg_catalog.pg_constraint'::pg_catalog.regclass AND k.contype = 'p') "
                + "AS needs_key, "
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
            boolean afterData = row.flag("needs_key");
            StatementPhase phase = afterData ? StatementPhase.POST_DATA : StatementPhase.PRE_DATA;
            List<SchemaStatement> statements = new ArrayList<>();
            statements.add(new SchemaStatement(phase, StatementKind.DEFINITION, label, sql));
            statements.addAll(context.comments().on(phase, ref, target, label));
            statements.addAll(context.ownerAndPrivileges(phase, label, target,
                    (kind.equals("p") ? "PROCEDURE " : "FUNCTION ") + signature, row));
            if (afterData) {
                context.script().post(ref).addAll(statements);
                refuseDependents(context, ref, name + "(" + arguments + ")");
            } else {
                context.script().object(ref, kind.equals("a") ? ObjectRank.AGGREGATE : ObjectRank.FUNCTION, name,
                        arguments).addAll(statements);
            }
        }
    }

    /**
     * What needs a function created after the data before it exists: a view, a column default, an index, a check
     * constraint, a domain, or another function's SQL-standard body. Triggers and policies come after it and may use
     * it.
     */
    private static void refuseDependents(ReadContext context, ObjectRef function, String name) throws SQLException {
        // a view's query is its _RETURN rule: the view is named rather than the rule
        for (Catalog.Row row : context.catalog().rows("SELECT d.classid::pg_catalog.regclass::text AS catalog, d.objid, "
                + "COALESCE((SELECT v.type || ' ' || v.identity FROM pg_catalog.pg_rewrite r, "
                + "LATERAL pg_catalog.pg_identify_object('pg_catalog.pg_class'::pg_catalog.regclass, r.ev_class, 0) v "
                + "WHERE d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND r.oid = d.objid "
                + "AND r.rulename = '_RETURN'), o.type || ' ' || o.identity) AS dependent FROM pg_catalog.pg_depend d, "
                + "LATERAL pg_catalog.pg_identify_object(d.classid, d.objid, 0) o "
                + "WHERE d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.refobjid = ? AND d.deptype = 'n' "
                + "AND d.classid IN ('pg_catalog.pg_rewrite'::pg_catalog.regclass, 'pg_catalog.pg_attrdef'::pg_catalog.regclass, "
                + "'pg_catalog.pg_class'::pg_catalog.regclass, "
                + "'pg_catalog.pg_constraint'::pg_catalog.regclass, 'pg_catalog.pg_proc'::pg_catalog.regclass, "
                + "'pg_catalog.pg_type'::pg_catalog.regclass)", function.oid())) {
            context.script().unsupported(new ObjectRef(row.text("catalog"), row.number("objid")),
                    row.text("dependent") + " (uses function " + name + ", which relies on a primary key and is "
                            + "created after the data)");
        }
    }
}
