package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Enum, composite, domain, range and base types, and shell types never filled in. A base type or a range with a
 * canonical function makes a cycle with its functions, which {@link BaseTypes#breakCycles} breaks once functions are
 * read.
 */
final class TypesReader {

    private TypesReader() {
    }

    static void read(ReadContext context, Map<Long, List<Column>> columns) throws SQLException {
        Catalog catalog = context.catalog();
        Map<Long, List<Catalog.Row>> domainConstraints = domainConstraints(catalog);
        Map<Long, Catalog.Row> ranges = ranges(catalog);
        Map<Long, Catalog.Row> baseTypes = BaseTypes.read(catalog);
        for (Catalog.Row row : catalog.rows("SELECT t.oid, n.nspname, t.typname, t.typtype::text, t.typrelid, "
                + "t.typisdefined, t.typnotnull, "
                + "pg_catalog.format_type(t.typbasetype, t.typtypmod) AS base_type, "
                + "COALESCE(pg_catalog.pg_get_expr(t.typdefaultbin, 0), t.typdefault) AS default_expr, "
                + "CASE WHEN t.typtype = 'd' AND t.typcollation <> b.typcollation THEN "
                + "pg_catalog.format('%s.%s', pg_catalog.quote_ident(con.nspname), pg_catalog.quote_ident(co.collname))"
                + " END AS collation, "
                + "(SELECT pg_catalog.array_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e "
                + "WHERE e.enumtypid = t.oid) AS labels, "
                + ReadContext.ownerColumns("t.typowner", "t.typacl", 'T')
                + " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
                + "LEFT JOIN pg_catalog.pg_type b ON b.oid = t.typbasetype "
                + "LEFT JOIN pg_catalog.pg_collation co ON co.oid = t.typcollation "
                + "LEFT JOIN pg_catalog.pg_namespace con ON con.oid = co.collnamespace "
                + "WHERE " + Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_type", "t.oid")
                + " AND t.typtype <> 'm'"
                + " AND (t.typrelid = 0 OR (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid) = 'c')"
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type a WHERE a.typarray = t.oid)"
                + " ORDER BY n.nspname, t.typname")) {
            QualifiedName name = new QualifiedName(row.text("nspname"), row.text("typname"));
            ObjectRef ref = ObjectRef.type(row.number("oid"));
            String kind = row.text("typtype");
            if (!row.flag("typisdefined")) {
                add(context, ref, name, "TYPE", "CREATE TYPE " + name.quoted(), row);
                continue;
            }
            switch (kind) {
                case "e" -> add(context, ref, name, "TYPE", "CREATE TYPE " + name.quoted() + " AS ENUM ("
                        + String.join(", ", row.list("labels").stream().map(Identifiers::literal).toList()) + ")",
                        row);
                case "c" -> composite(context, ref, name, row, columns.getOrDefault(row.number("typrelid"), List.of()));
                case "d" -> domain(context, ref, name, row, domainConstraints.getOrDefault(ref.oid(), List.of()));
                case "r" -> range(context, ref, name, row, ranges.get(ref.oid()));
                case "b" -> add(context, ref, name, "TYPE", BaseTypes.definition(name, baseTypes.get(ref.oid())), row);
                default -> context.script().unsupported(ref, "type " + name + " (pseudo-type)");
            }
        }
    }

    private static PreDataObject add(ReadContext context, ObjectRef ref, QualifiedName name, String keyword,
                                     String sql, Catalog.Row row) {
        String label = keyword + " " + name;
        String target = keyword + " " + name.quoted();
        return context.script().object(ref, ObjectRank.TYPE, name, "")
                .add(StatementKind.DEFINITION, label, sql)
                .addAll(context.comments().on(StatementPhase.PRE_DATA, ref, target, label))
                .addAll(context.ownerAndPrivileges(StatementPhase.PRE_DATA, label, target, target, row));
    }

    private static void composite(ReadContext context, ObjectRef ref, QualifiedName name, Catalog.Row row,
                                  List<Column> attributes) {
        List<String> definitions = new ArrayList<>();
        for (Column column : attributes) {
            definitions.add(Identifiers.quote(column.name()) + " " + column.type()
                    + (column.collation() == null ? "" : " COLLATE " + column.collation()));
        }
        PreDataObject object = add(context, ref, name, "TYPE",
                "CREATE TYPE " + name.quoted() + " AS (" + String.join(", ", definitions) + ")", row);
        for (Column column : attributes) {
            object.addAll(context.comments().on(StatementPhase.PRE_DATA, ObjectRef.relation(column.relation()),
                    column.attnum(), "COLUMN " + name.quoted() + "." + Identifiers.quote(column.name()),
                    "TYPE " + name));
        }
    }

    private static void domain(ReadContext context, ObjectRef ref, QualifiedName name, Catalog.Row row,
                               List<Catalog.Row> constraints) {
        StringBuilder sql = new StringBuilder("CREATE DOMAIN ").append(name.quoted()).append(" AS ")
                .append(row.text("base_type"));
        if (row.has("collation")) {
            sql.append(" COLLATE ").append(row.text("collation"));
        }
        if (row.has("default_expr")) {
            sql.append(" DEFAULT ").append(row.text("default_expr"));
        }
        if (row.flag("typnotnull")) {
            sql.append(" NOT NULL");
        }
        List<Catalog.Row> notValid = new ArrayList<>();
        for (Catalog.Row constraint : constraints) {
            if (constraint.flag("convalidated")) {
                sql.append(" CONSTRAINT ").append(Identifiers.quote(constraint.text("conname"))).append(' ')
                        .append(constraint.text("definition"));
            } else {
                notValid.add(constraint);
            }
        }
        PreDataObject object = add(context, ref, name, "DOMAIN", sql.toString(), row);
        String label = "DOMAIN " + name;
        for (Catalog.Row constraint : constraints) {
            String target = "CONSTRAINT " + Identifiers.quote(constraint.text("conname")) + " ON DOMAIN " + name.quoted();
            List<SchemaStatement> comment = context.comments().on(notValid.contains(constraint)
                    ? StatementPhase.POST_DATA : StatementPhase.PRE_DATA,
                    new ObjectRef("pg_constraint", constraint.number("oid")), target, label);
            if (notValid.contains(constraint)) {
                context.script().post(new ObjectRef("pg_constraint", constraint.number("oid")))
                        .add(StatementPhase.POST_DATA, StatementKind.DEFINITION, label, "ALTER DOMAIN " + name.quoted()
                                + " ADD CONSTRAINT " + Identifiers.quote(constraint.text("conname")) + " "
                                + constraint.text("definition"))
                        .addAll(comment);
            } else {
                object.addAll(comment);
            }
        }
    }

    private static void range(ReadContext context, ObjectRef ref, QualifiedName name, Catalog.Row row,
                              Catalog.Row range) {
        if (range == null) {
            context.script().unsupported(ref, "type " + name + " (range type without its pg_range row)");
            return;
        }
        StringBuilder sql = new StringBuilder("CREATE TYPE ").append(name.quoted()).append(" AS RANGE (SUBTYPE = ")
                .append(range.text("subtype"));
        if (range.has("opclass")) {
            sql.append(", SUBTYPE_OPCLASS = ").append(range.text("opclass"));
        }
        if (range.has("collation")) {
            sql.append(", COLLATION = ").append(range.text("collation"));
        }
        if (range.has("canonical")) {
            sql.append(", CANONICAL = ").append(range.text("canonical"));
        }
        if (range.has("subdiff")) {
            sql.append(", SUBTYPE_DIFF = ").append(range.text("subdiff"));
        }
        if (range.has("multirange") && !range.text("multirange").equals(defaultMultirangeName(name.name()))) {
            sql.append(", MULTIRANGE_TYPE_NAME = ")
                    .append(new QualifiedName(range.text("multirange_schema"), range.text("multirange")).quoted());
        }
        add(context, ref, name, "TYPE", sql.append(')').toString(), row);
    }

    /** The name PostgreSQL gives a range's multirange when none is given (makeMultirangeTypeName). */
    static String defaultMultirangeName(String range) {
        int at = range.indexOf("range");
        return at >= 0 ? range.substring(0, at) + "multi" + range.substring(at) : range + "_multirange";
    }

    private static Map<Long, List<Catalog.Row>> domainConstraints(Catalog catalog) throws SQLException {
        Map<Long, List<Catalog.Row>> constraints = new HashMap<>();
        for (Catalog.Row row : catalog.rows("SELECT c.oid, c.contypid, c.conname, c.convalidated, "
                + "pg_catalog.pg_get_constraintdef(c.oid) AS definition FROM pg_catalog.pg_constraint c "
                + "WHERE c.contypid <> 0 AND c.contype = 'c' ORDER BY c.contypid, c.conname")) {
            constraints.computeIfAbsent(row.number("contypid"), k -> new ArrayList<>()).add(row);
        }
        return constraints;
    }

    private static Map<Long, Catalog.Row> ranges(Catalog catalog) throws SQLException {
        String multirange = catalog.atLeast(14)
                ? "mt.typname AS multirange, mn.nspname AS multirange_schema "
                : "NULL::text AS multirange, NULL::text AS multirange_schema ";
        String multirangeJoin = catalog.atLeast(14)
                ? "LEFT JOIN pg_catalog.pg_type mt ON mt.oid = r.rngmultitypid "
                + "LEFT JOIN pg_catalog.pg_namespace mn ON mn.oid = mt.typnamespace "
                : "";
        Map<Long, Catalog.Row> ranges = new HashMap<>();
        for (Catalog.Row row : catalog.rows("SELECT r.rngtypid, pg_catalog.format_type(r.rngsubtype, NULL) AS subtype, "
                + "CASE WHEN NOT opc.opcdefault THEN pg_catalog.format('%s.%s', pg_catalog.quote_ident(opn.nspname), "
                + "pg_catalog.quote_ident(opc.opcname)) END AS opclass, "
                + "CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation THEN "
                + "pg_catalog.format('%s.%s', pg_catalog.quote_ident(con.nspname), pg_catalog.quote_ident(co.collname))"
                + " END AS collation, "
                + "CASE WHEN r.rngcanonical <> 0 THEN r.rngcanonical::pg_catalog.regproc::text END AS canonical, "
                + "CASE WHEN r.rngsubdiff <> 0 THEN r.rngsubdiff::pg_catalog.regproc::text END AS subdiff, "
                + multirange
                + "FROM pg_catalog.pg_range r JOIN pg_catalog.pg_type st ON st.oid = r.rngsubtype "
                + "JOIN pg_catalog.pg_opclass opc ON opc.oid = r.rngsubopc "
                + "JOIN pg_catalog.pg_namespace opn ON opn.oid = opc.opcnamespace "
                + "LEFT JOIN pg_catalog.pg_collation co ON co.oid = r.rngcollation "
                + "LEFT JOIN pg_catalog.pg_namespace con ON con.oid = co.collnamespace "
                + multirangeJoin
                + "WHERE r.rngtypid >= " + Catalog.FIRST_NORMAL_OID)) {
            ranges.put(row.number("rngtypid"), row);
        }
        return ranges;
    }
}
