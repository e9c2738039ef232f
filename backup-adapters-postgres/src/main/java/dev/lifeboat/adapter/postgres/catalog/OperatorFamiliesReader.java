package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.List;

/**
 * CREATE OPERATOR FAMILY for the user's operator families, empty ones included, then ALTER OPERATOR FAMILY ... ADD
 * for the members bound to no class of the family (see {@link OperatorFamilyMembers}); with comments and owners. A
 * family CREATE OPERATOR CLASS made by itself is written like any other: the class then names it.
 */
final class OperatorFamiliesReader {

    private OperatorFamiliesReader() {
    }

    static void read(ReadContext context, OperatorFamilyMembers members) throws SQLException {
        for (Catalog.Row row : context.catalog().rows("SELECT f.oid, n.nspname, f.opfname, a.amname, "
                + "pg_catalog.pg_get_userbyid(f.opfowner) AS owner "
                + "FROM pg_catalog.pg_opfamily f JOIN pg_catalog.pg_namespace n ON n.oid = f.opfnamespace "
                + "JOIN pg_catalog.pg_am a ON a.oid = f.opfmethod "
                + "WHERE " + Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_opfamily", "f.oid")
                + " ORDER BY n.nspname, f.opfname, a.amname")) {
            QualifiedName name = new QualifiedName(row.text("nspname"), row.text("opfname"));
            ObjectRef ref = new ObjectRef("pg_opfamily", row.number("oid"));
            String nameUsing = name.quoted() + " USING " + Identifiers.quote(row.text("amname"));
            String label = "OPERATOR FAMILY " + name + " USING " + row.text("amname");
            String target = "OPERATOR FAMILY " + nameUsing;
            PreDataObject object = context.script().object(ref, ObjectRank.OPERATOR_FAMILY, name, row.text("amname"))
                    .add(StatementKind.DEFINITION, label, "CREATE " + target);
            List<String> loose = members.claim(ref);
            if (!loose.isEmpty()) {
                object.add(StatementKind.DEFINITION, label, "ALTER " + target + " ADD " + String.join(", ", loose));
            }
            object.addAll(context.comments().on(StatementPhase.PRE_DATA, ref, target, label))
                    .addAll(context.ownerAndPrivileges(StatementPhase.PRE_DATA, label, target, null, row));
        }
    }

    /**
     * Description lines: each family and each of its members. Whether a member is bound to its class or loose in the
     * family is left out: for a member listed in CREATE OPERATOR CLASS the access method decides, and server versions
     * decide differently (PostgreSQL 17 makes gist's operators loose, 13 binds them), so a restore onto a newer
     * server would differ.
     */
    static List<String> description(Catalog catalog) {
        String userFamily = Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_opfamily", "f.oid");
        String families = " FROM pg_catalog.pg_opfamily f JOIN pg_catalog.pg_namespace n ON n.oid = f.opfnamespace"
                + " JOIN pg_catalog.pg_am a ON a.oid = f.opfmethod";
        return List.of(
                "SELECT 'pg_opfamily' AS catalog, f.oid, pg_catalog.format('operator family %s.%s using %s', n.nspname,"
                        + " f.opfname, a.amname) AS line" + families + " WHERE " + userFamily,
                "SELECT 'pg_amop' AS catalog, o.oid, pg_catalog.format('operator family %s.%s using %s operator %s (%s, %s)"
                        + " %s purpose %s order by %s', n.nspname, f.opfname, a.amname, o.amopstrategy,"
                        + " pg_catalog.format_type(o.amoplefttype, NULL), pg_catalog.format_type(o.amoprighttype, NULL), "
                        + CatalogNames.operator("o.amopopr") + ", o.amoppurpose, "
                        + CatalogNames.operatorFamily("o.amopsortfamily") + ") AS line"
                        + families + " JOIN pg_catalog.pg_amop o ON o.amopfamily = f.oid WHERE " + userFamily,
                "SELECT 'pg_amproc' AS catalog, o.oid, pg_catalog.format('operator family %s.%s using %s function %s"
                        + " (%s, %s) %s', n.nspname, f.opfname, a.amname, o.amprocnum,"
                        + " pg_catalog.format_type(o.amproclefttype, NULL), pg_catalog.format_type(o.amprocrighttype, NULL), "
                        + CatalogNames.functionSignature("o.amproc") + ") AS line"
                        + families + " JOIN pg_catalog.pg_amproc o ON o.amprocfamily = f.oid WHERE " + userFamily);
    }
}
