package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * CREATE OPERATOR for the user's operators: binary, prefix and (PostgreSQL 13) postfix, with their commutator,
 * negator, selectivity estimators, HASHES and MERGES, comments and owners.
 *
 * <p>A commutator or negator that does not exist yet when an operator is created is made as a shell (an operator
 * without a function), which its own CREATE OPERATOR later fills in; pg_depend records no dependency on them. So
 * shells are not written: whatever refers to one makes it again, and an operator's statement may come before or after
 * its commutator's. Only the commutator's and negator's schemas must exist first.
 */
final class OperatorsReader {

    /** SQL condition on {@code pg_operator o} and its namespace {@code n}: a complete operator of the user's. */
    private static final String USER_OPERATOR = Catalog.USER_SCHEMA + " AND "
            + Catalog.notExtensionMember("pg_operator", "o.oid") + " AND o.oprcode <> 0";

    private OperatorsReader() {
    }

    static void read(ReadContext context) throws SQLException {
        for (Catalog.Row row : context.catalog().rows("SELECT o.oid, n.nspname, o.oprname, "
                + CatalogNames.type("o.oprleft") + " AS left_type, " + CatalogNames.type("o.oprright") + " AS right_type, "
                + CatalogNames.function("o.oprcode") + " AS function, "
                + CatalogNames.function("o.oprrest") + " AS restrict, "
                + CatalogNames.function("o.oprjoin") + " AS join_function, "
                + CatalogNames.operator("o.oprcom") + " AS commutator, "
                + CatalogNames.operator("o.oprnegate") + " AS negator, "
                + "(SELECT p.oprnamespace FROM pg_catalog.pg_operator p WHERE p.oid = o.oprcom) AS commutator_schema, "
                + "(SELECT p.oprnamespace FROM pg_catalog.pg_operator p WHERE p.oid = o.oprnegate) AS negator_schema, "
                + "o.oprcanmerge, o.oprcanhash, pg_catalog.pg_get_userbyid(o.oprowner) AS owner "
                + "FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace "
                + "WHERE " + USER_OPERATOR + " ORDER BY n.nspname, o.oprname, left_type, right_type")) {
            ObjectRef ref = new ObjectRef("pg_operator", row.number("oid"));
            String name = Identifiers.quote(row.text("nspname")) + "." + row.text("oprname");
            String arguments = argument(row.text("left_type")) + ", " + argument(row.text("right_type"));
            String label = "OPERATOR " + row.text("nspname") + "." + row.text("oprname") + "(" + arguments + ")";
            String target = "OPERATOR " + name + "(" + arguments + ")";
            context.script().object(ref, ObjectRank.OPERATOR,
                            new QualifiedName(row.text("nspname"), row.text("oprname")), arguments)
                    .add(StatementKind.DEFINITION, label,
                            "CREATE OPERATOR " + name + " (" + String.join(", ", definition(row)) + ")")
                    .addAll(context.comments().on(StatementPhase.PRE_DATA, ref, target, label))
                    .addAll(context.ownerAndPrivileges(StatementPhase.PRE_DATA, label, target, null, row));
            for (String schema : List.of("commutator_schema", "negator_schema")) {
                if (row.has(schema)) {
                    context.script().dependency(ref, ObjectRef.namespace(row.number(schema)));
                }
            }
        }
    }

    private static List<String> definition(Catalog.Row row) {
        List<String> definition = new ArrayList<>();
        definition.add("FUNCTION = " + row.text("function"));
        if (row.has("left_type")) {
            definition.add("LEFTARG = " + row.text("left_type"));
        }
        if (row.has("right_type")) {
            definition.add("RIGHTARG = " + row.text("right_type"));
        }
        if (row.has("commutator")) {
            definition.add("COMMUTATOR = OPERATOR(" + row.text("commutator") + ")");
        }
        if (row.has("negator")) {
            definition.add("NEGATOR = OPERATOR(" + row.text("negator") + ")");
        }
        if (row.flag("oprcanmerge")) {
            definition.add("MERGES");
        }
        if (row.flag("oprcanhash")) {
            definition.add("HASHES");
        }
        if (row.has("restrict")) {
            definition.add("RESTRICT = " + row.text("restrict"));
        }
        if (row.has("join_function")) {
            definition.add("JOIN = " + row.text("join_function"));
        }
        return definition;
    }

    /** An argument of the operator's signature: its type, or NONE for the side a unary operator lacks. */
    private static String argument(String type) {
        return type == null ? "NONE" : type;
    }

    /** Description lines: each complete operator with its function, its links to others and its planner hints. */
    static List<String> description(Catalog catalog) {
        return List.of("SELECT 'pg_operator' AS catalog, o.oid, pg_catalog.format('operator %s.%s(%s, %s) returns %s"
                + " function %s commutator %s negator %s restrict %s join %s merges %s hashes %s', n.nspname,"
                + " o.oprname, " + CatalogNames.type("o.oprleft") + ", " + CatalogNames.type("o.oprright") + ","
                + " pg_catalog.format_type(o.oprresult, NULL), " + CatalogNames.functionSignature("o.oprcode") + ", "
                + CatalogNames.operator("o.oprcom") + ", " + CatalogNames.operator("o.oprnegate") + ", "
                + CatalogNames.functionSignature("o.oprrest") + ", " + CatalogNames.functionSignature("o.oprjoin")
                + ", o.oprcanmerge, o.oprcanhash) AS line"
                + " FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace"
                + " WHERE " + USER_OPERATOR);
    }
}
