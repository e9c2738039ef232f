package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Views (with their options: check option, security_barrier, security_invoker) and materialized views (with their
 * column settings, {@link ColumnSettings}), created WITH NO DATA and refreshed last when the source's was populated.
 * Views and materialized views that cannot be defined before the data ({@link PostponedViews}: a GROUP BY relying on
 * a primary key) are made as pg_dump makes them: a view as a placeholder with the same columns, replaced by its real
 * query after the data; a materialized view after the data, with its indexes, then refreshed after the others.
 */
final class ViewsReader {

    private ViewsReader() {
    }

    static void read(ReadContext context, Map<Long, List<Column>> columns) throws SQLException {
        PostponedViews postponed = PostponedViews.read(context.catalog());
        Map<Long, List<SchemaStatement>> afterData = new HashMap<>();
        Map<Long, QualifiedName> names = new HashMap<>();
        List<Long> populatedLater = new ArrayList<>();
        for (Catalog.Row row : context.catalog().rows("SELECT c.oid, n.nspname, c.relname, c.relkind::text AS kind, "
                + "c.reloptions, c.relispopulated, am.amname, ts.spcname, "
                + "pg_catalog.pg_get_viewdef(c.oid) AS definition, "
                + ReadContext.ownerColumns("c.relowner", "c.relacl", 'r')
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam "
                + "LEFT JOIN pg_catalog.pg_tablespace ts ON ts.oid = c.reltablespace "
                + "WHERE c.relkind IN ('v', 'm') AND " + Catalog.USER_SCHEMA + " AND "
                + Catalog.notExtensionMember("pg_class", "c.oid") + " ORDER BY n.nspname, c.relname")) {
            long oid = row.number("oid");
            QualifiedName name = new QualifiedName(row.text("nspname"), row.text("relname"));
            names.put(oid, name);
            boolean materialized = row.text("kind").equals("m");
            boolean late = postponed.contains(oid);
            String keyword = materialized ? "MATERIALIZED VIEW" : "VIEW";
            ObjectRef ref = ObjectRef.relation(oid);
            if (row.has("spcname")) {
                context.script().unsupported(ref, "materialized view " + name + " (in tablespace "
                        + row.text("spcname") + ")");
            }
            StatementPhase phase = materialized && late ? StatementPhase.POST_DATA : StatementPhase.PRE_DATA;
            String label = keyword + " " + name;
            String target = keyword + " " + name.quoted();
            List<Column> viewColumns = columns.getOrDefault(oid, List.of());
            List<SchemaStatement> statements = new ArrayList<>();
            String definition = definition(row, target, materialized);
            if (late && !materialized) {
                statements.add(new SchemaStatement(phase, StatementKind.DEFINITION, label,
                        "CREATE VIEW " + name.quoted() + " AS\n" + placeholder(viewColumns)));
                afterData.put(oid, List.of(new SchemaStatement(StatementPhase.POST_DATA, StatementKind.DEFINITION,
                        label, "CREATE OR REPLACE " + definition.substring("CREATE ".length()))));
            } else {
                statements.add(new SchemaStatement(phase, StatementKind.DEFINITION, label, definition));
            }
            for (Column column : viewColumns) {
                if (!materialized && column.expression() != null) {
                    statements.add(new SchemaStatement(phase, StatementKind.DEFINITION, label, "ALTER VIEW "
                            + name.quoted() + " ALTER COLUMN " + Identifiers.quote(column.name()) + " SET DEFAULT "
                            + column.expression()));
                }
                if (materialized) {
                    ColumnSettings.statements("ALTER MATERIALIZED VIEW " + name.quoted(), column, null)
                            .forEach(sql -> statements.add(new SchemaStatement(phase, StatementKind.DEFINITION,
                                    label, sql)));
                }
            }
            statements.addAll(context.comments().on(phase, ref, target, label));
            for (Column column : viewColumns) {
                statements.addAll(context.comments().on(phase, ref, column.attnum(),
                        "COLUMN " + name.quoted() + "." + Identifiers.quote(column.name()), label));
            }
            statements.addAll(context.ownerAndPrivileges(phase, label, target, "TABLE " + name.quoted(), row));
            if (context.options().privileges()) {
                for (Column column : viewColumns) {
                    statements.addAll(Privileges.columnStatements(phase, label, "TABLE " + name.quoted(),
                            column.name(), column.grants()));
                }
            }
            if (phase == StatementPhase.POST_DATA) {
                context.script().postpone(ref);
                afterData.put(oid, statements);
            } else {
                context.script().object(ref, materialized ? ObjectRank.MATERIALIZED_VIEW : ObjectRank.VIEW, name, "")
                        .addAll(statements);
            }
            if (materialized && row.flag("relispopulated")) {
                if (late) {
                    populatedLater.add(oid);
                } else {
                    context.script().refresh(ref);
                }
            }
        }
        // each after what it reads; the placeholders stand in for the views until then
        for (Long oid : postponed.relations()) {
            if (afterData.containsKey(oid)) {
                context.script().post(ObjectRef.relation(oid)).addAll(afterData.get(oid));
            }
        }
        for (Long oid : postponed.relations()) {
            if (populatedLater.contains(oid)) {
                context.script().post(ObjectRef.relation(oid)).add(StatementPhase.REFRESH, StatementKind.DEFINITION,
                        "MATERIALIZED VIEW " + names.get(oid), "REFRESH MATERIALIZED VIEW " + names.get(oid).quoted());
            }
        }
        PostponedViews.refuseDependents(context, postponed);
    }

    /** CREATE VIEW or CREATE MATERIALIZED VIEW ... WITH NO DATA, with the relation's options and query. */
    private static String definition(Catalog.Row row, String target, boolean materialized) {
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
        return sql.toString();
    }

    /** A query with the view's column names, types and collations, and no rows' worth of meaning. */
    private static String placeholder(List<Column> viewColumns) {
        List<String> items = new ArrayList<>();
        for (Column column : viewColumns) {
            items.add("NULL::" + column.type() + (column.collation() == null ? "" : " COLLATE " + column.collation())
                    + " AS " + Identifiers.quote(column.name()));
        }
        return "SELECT " + String.join(", ", items);
    }

    /** The view's query without the semicolon pg_get_viewdef ends with. */
    static String body(String definition) {
        String body = definition.strip();
        return body.endsWith(";") ? body.substring(0, body.length() - 1) : body;
    }
}
