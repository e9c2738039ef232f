package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;

/**
 * CREATE SCHEMA for the user's schemas. Schema {@code public} exists in every new database, so it is not created,
 * but its owner and ACL are always set to the source's: their defaults changed in PostgreSQL 15 (owner
 * pg_database_owner, no CREATE for PUBLIC; before, the bootstrap superuser and CREATE for PUBLIC), so what a new
 * database has depends on the target's version, and a restore must leave the schema as usable as the source's was
 * (an owner pg_database_owner, which 13 and 14 lack, is the one exception: see {@link #publicOwnerAndPrivileges}).
 * Its comment is reproduced when it is not the standard one. When the source has no {@code public} schema, the
 * script drops it.
 */
final class SchemasReader {

    static final String PUBLIC_COMMENT = "standard public schema";

    private static final String DATABASE_OWNER = "pg_database_owner";

    private SchemasReader() {
    }

    /**
     * The owner and ACL of schema {@code public}. Owned by pg_database_owner (PostgreSQL 15's default), which older
     * servers lack, the schema keeps the target's owner and the owner's own privileges: the owner statement and the
     * owner's grants are left out, so that the script also restores onto 13 and 14.
     */
    private static void publicOwnerAndPrivileges(ReadContext context, PreDataObject object, Catalog.Row row) {
        String owner = row.text("owner");
        String label = "SCHEMA public";
        String target = "SCHEMA " + Identifiers.quote("public");
        if (owner.equals(DATABASE_OWNER)) {
            if (context.options().privileges()) {
                object.add(StatementKind.PRIVILEGE, label, "REVOKE ALL ON " + target + " FROM PUBLIC");
                object.addAll(Privileges.grants(StatementPhase.PRE_DATA, label, "", target,
                        row.list("effective_grants").stream().filter(entry -> !entry.endsWith("|" + DATABASE_OWNER))
                                .toList(), row.list("all_privileges")));
            }
            return;
        }
        object.addAll(Privileges.owner(context.options(), StatementPhase.PRE_DATA, label, target, owner));
        if (context.options().privileges()) {
            object.addAll(Privileges.statements(StatementPhase.PRE_DATA, label, target, owner, true,
                    row.list("effective_grants"), row.list("all_privileges")));
        }
    }

    static void read(ReadContext context) throws SQLException {
        boolean hasPublic = false;
        for (Catalog.Row row : context.catalog().rows("SELECT n.oid, n.nspname, "
                + ReadContext.ownerColumns("n.nspowner", "n.nspacl", 'n') + ", "
                + Privileges.grantsColumn("COALESCE(n.nspacl, pg_catalog.acldefault('n', n.nspowner))")
                + " AS effective_grants"
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
                publicOwnerAndPrivileges(context, object, row);
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
