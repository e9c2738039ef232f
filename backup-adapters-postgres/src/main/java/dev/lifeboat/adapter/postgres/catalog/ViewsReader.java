package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Views (with their options: check option, security_barrier, security_invoker) and materialized views (with their
 * column settings, {@link ColumnSettings}), created
 * WITH NO DATA and refreshed last when the source's was populated. A view that depends on a primary key or unique
 * constraint (a GROUP BY relying on it) cannot be created before that constraint exists, which is post-data: such
 * views are reported as unsupported.
 */
final class ViewsReader {

    private ViewsReader() {
    }

    static void read(ReadContext context, Map<Long, List<Column>> columns) throws SQLException {
        for (Catalog.Row row : context.catalog().rows("SELECT c.oid, n.nspname, c.relname, c.relkind::text AS kind, "
                + "c.reloptions, c.relispopulated, am.amname, ts.spcname, "
                + "pg_catalog.pg_get_viewdef(c.oid) AS definition, "
                + "EXISTS (SELECT 1 FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_depend d "
                + "ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND d.objid = r.oid "
                + "AND d.refclassid = 'pg_catalog.pg_constraint'::pg_catalog.regclass WHERE r.ev_class = c.oid) "
                + "AS needs_constraint, "
                + ReadContext.ownerColumns("c.relowner", "c.relacl", 'r')
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam "
                + "LEFT JOIN pg_catalog.pg_tablespace ts ON ts.oid = c.reltablespace "
                + "WHERE c.relkind IN ('v', 'm') AND " + Catalog.USER_SCHEMA + " AND "
                + Catalog.notExtensionMember("pg_class", "c.oid") + " ORDER BY n.nspname, c.relname")) {
            QualifiedName name = new QualifiedName(row.text("nspname"), row.text("relname"));
            boolean materialized = row.text("kind").equals("m");
            String keyword = materialized ? "MATERIALIZED VIEW" : "VIEW";
            ObjectRef ref = ObjectRef.relation(row.number("oid"));
            if (row.flag("needs_constraint")) {
                context.script().unsupported(ref, keyword.toLowerCase(Locale.ROOT) + " " + name
                        + " (depends on a constraint)");
                continue;
            }
            if (row.has("spcname")) {
                context.script().unsupported(ref, "tablespace " + row.text("spcname") + " of materialized view " + name);
            }
            String label = keyword + " " + name;
            String target = keyword + " " + name.quoted();
            StringBuilder sql = new StringBuilder("CREATE ").append(target);
            if (materialized && row.has("amname") && !row.text("amname").equals("heap")) {
                sql.append(" USING ").append(Identifiers.quote(row.text("amname")));
            }
            if (!row.list("reloptions").isEmpty()) {
                sql.append(" WITH (").append(String.join(", ", row.list("reloptions"))).append(')');
            }
            sql.append(" AS\n").append(body(row.text("definition")));
            if (materialized) {
                sql.append("\n WITH NO DATA");
            }
            PreDataObject object = context.script().object(ref,
                    materialized ? ObjectRank.MATERIALIZED_VIEW : ObjectRank.VIEW, name, "")
                    .add(StatementKind.DEFINITION, label, sql.toString());
            List<Column> viewColumns = columns.getOrDefault(ref.oid(), List.of());
            for (Column column : viewColumns) {
                if (!materialized && column.expression() != null) {
                    object.add(StatementKind.DEFINITION, label, "ALTER VIEW " + name.quoted() + " ALTER COLUMN "
                            + Identifiers.quote(column.name()) + " SET DEFAULT " + column.expression());
                }
                if (materialized) {
                    ColumnSettings.statements("ALTER MATERIALIZED VIEW " + name.quoted(), column, null)
                            .forEach(statement -> object.add(StatementKind.DEFINITION, label, statement));
                }
            }
            object.addAll(context.comments().on(StatementPhase.PRE_DATA, ref, target, label));
            for (Column column : viewColumns) {
                object.addAll(context.comments().on(StatementPhase.PRE_DATA, ref, column.attnum(),
                        "COLUMN " + name.quoted() + "." + Identifiers.quote(column.name()), label));
            }
            object.addAll(context.ownerAndPrivileges(StatementPhase.PRE_DATA, label, target, "TABLE " + name.quoted(),
                    row));
            if (context.options().privileges()) {
                for (Column column : viewColumns) {
                    object.addAll(Privileges.columnStatements(StatementPhase.PRE_DATA, label,
                            "TABLE " + name.quoted(), column.name(), column.grants()));
                }
            }
            if (materialized && row.flag("relispopulated")) {
                context.script().refresh(ref);
            }
        }
    }

    /** The view's query without the semicolon pg_get_viewdef ends with. */
    static String body(String definition) {
        String body = definition.strip();
        return body.endsWith(";") ? body.substring(0, body.length() - 1) : body;
    }
}
