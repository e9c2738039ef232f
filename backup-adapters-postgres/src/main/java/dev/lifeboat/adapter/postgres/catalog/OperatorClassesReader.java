package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Operator classes and the families they belong to. CREATE OPERATOR CLASS names its family and lists the members
 * bound to the class (see {@link OperatorFamilyMembers}) after its STORAGE type; a class without any (its members
 * all moved to the family, or none at all) gets a STORAGE of its own input type, which the server takes as nothing,
 * since the statement needs one item. With comments and owners. Members added to a class or family the script does
 * not create, such as one of the server's own, are reported as unsupported.
 */
final class OperatorClassesReader {

    private OperatorClassesReader() {
    }

    static void read(ReadContext context) throws SQLException {
        OperatorFamilyMembers members = OperatorFamilyMembers.read(context);
        OperatorFamiliesReader.read(context, members);
        for (Catalog.Row row : context.catalog().rows("SELECT c.oid, n.nspname, c.opcname, a.amname, c.opcdefault, "
                + "pg_catalog.format_type(c.opcintype, NULL) AS input_type, "
                + CatalogNames.type("c.opckeytype") + " AS storage, "
                + CatalogNames.operatorFamily("c.opcfamily") + " AS family, "
                + "pg_catalog.pg_get_userbyid(c.opcowner) AS owner "
                + "FROM pg_catalog.pg_opclass c JOIN pg_catalog.pg_namespace n ON n.oid = c.opcnamespace "
                + "JOIN pg_catalog.pg_am a ON a.oid = c.opcmethod "
                + "WHERE " + Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_opclass", "c.oid")
                + " ORDER BY n.nspname, c.opcname, a.amname")) {
            QualifiedName name = new QualifiedName(row.text("nspname"), row.text("opcname"));
            ObjectRef ref = new ObjectRef("pg_opclass", row.number("oid"));
            String method = Identifiers.quote(row.text("amname"));
            String label = "OPERATOR CLASS " + name + " USING " + row.text("amname");
            String target = "OPERATOR CLASS " + name.quoted() + " USING " + method;
            List<String> items = new ArrayList<>();
            if (row.has("storage")) {
                items.add("STORAGE " + row.text("storage"));
            }
            items.addAll(members.claim(ref));
            if (items.isEmpty()) {
                items.add("STORAGE " + row.text("input_type"));
            }
            context.script().object(ref, ObjectRank.OPERATOR_CLASS, name, row.text("amname"))
                    .add(StatementKind.DEFINITION, label, "CREATE OPERATOR CLASS " + name.quoted()
                            + (row.flag("opcdefault") ? " DEFAULT" : "") + " FOR TYPE " + row.text("input_type")
                            + " USING " + method + " FAMILY " + row.text("family") + " AS " + String.join(", ", items))
                    .addAll(context.comments().on(StatementPhase.PRE_DATA, ref, target, label))
                    .addAll(context.ownerAndPrivileges(StatementPhase.PRE_DATA, label, target, null, row));
        }
        members.reportUnclaimed(context);
    }

    /** Description lines: each class with its type, default, storage and family (its members: the family's). */
    static List<String> description(Catalog catalog) {
        return List.of("SELECT 'pg_opclass' AS catalog, c.oid, pg_catalog.format('operator class %s.%s using %s for %s"
                + " default %s storage %s family %s', n.nspname, c.opcname, a.amname,"
                + " pg_catalog.format_type(c.opcintype, NULL), c.opcdefault, " + CatalogNames.type("c.opckeytype")
                + ", " + CatalogNames.operatorFamily("c.opcfamily") + ") AS line"
                + " FROM pg_catalog.pg_opclass c JOIN pg_catalog.pg_namespace n ON n.oid = c.opcnamespace"
                + " JOIN pg_catalog.pg_am a ON a.oid = c.opcmethod"
                + " WHERE " + Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_opclass", "c.oid"));
    }
}
