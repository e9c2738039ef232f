package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;

/**
 * CREATE SCHEMA for the user's schemas. Schema {@code public} exists in every new database, so it is not created;
 * its owner and ACL are left alone too, because their defaults changed in PostgreSQL 15 (owner pg_database_owner,
 * no CREATE for PUBLIC) and a restore onto another major version must keep that version's defaults. Its comment is
 * reproduced when it is not the standard one. When the source has no {@code public} schema, the script drops it.
 */
final class SchemasReader {

    static final String PUBLIC_COMMENT = "standard public schema";

    private SchemasReader() {
    }

    static void read(ReadContext context) throws SQLException {
        boolean hasPublic = false;
        for (Catalog.Row row : context.catalog().rows("SELECT n.oid, n.nspname, "
                + ReadContext.ownerColumns("n.nspowner", "n.nspacl", 'n')
                + " FROM pg_catalog.pg_namespace n WHERE " + Catalog.USER_SCHEMA + " AND "
                + Catalog.notExtensionMember("pg_namespace", "n.oid") + " ORDER BY n.nspname")) {
            String name = row.text("nspname");
            ObjectRef ref = ObjectRef.namespace(row.number("oid"));
            String quoted = Identifiers.quote(name);
            String label = "SCHEMA " + name;
            PreDataObject object = context.script().object(ref, ObjectRank.SCHEMA, new QualifiedName(name, ""), "");
            if (name.equals("public")) {
                hasPublic = true;
                String comment = context.comments().text(ref, 0).orElse(null);
                if (comment == null) {
                    object.add(StatementKind.COMMENT, label, "COMMENT ON SCHEMA " + quoted + " IS NULL");
                } else if (!comment.equals(PUBLIC_COMMENT)) {
                    object.addAll(context.comments().on(StatementPhase.PRE_DATA, ref, "SCHEMA " + quoted, label));
                }
                continue;
            }
            object.add(StatementKind.DEFINITION, label, "CREATE SCHEMA " + quoted);
            object.addAll(context.comments().on(StatementPhase.PRE_DATA, ref, "SCHEMA " + quoted, label));
            object.addAll(context.ownerAndPrivileges(StatementPhase.PRE_DATA, label, "SCHEMA " + quoted,
                    "SCHEMA " + quoted, row));
        }
        if (!hasPublic) {
            context.script().object(new ObjectRef("pg_namespace", 0), ObjectRank.SCHEMA, new QualifiedName("", ""), "")
                    .add(StatementKind.DEFINITION, "SCHEMA public", "DROP SCHEMA IF EXISTS \"public\"");
        }
    }
}
