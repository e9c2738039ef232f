package dev.lifeboat.adapter.postgres.catalog;

import java.util.ArrayList;
import java.util.List;

/** What every object family needs while reading: the catalogs, the options, comments, and the script so far. */
record ReadContext(Catalog catalog, SchemaOptions options, Comments comments, ScriptBuilder script) {

    /**
     * Owner and privilege statements for an object whose row holds {@code owner}, {@code acl_changed} and
     * {@code grants} (see {@link Privileges}).
     */
    List<SchemaStatement> ownerAndPrivileges(StatementPhase phase, String label, String alterTarget,
                                             String grantTarget, Catalog.Row row) {
        List<SchemaStatement> statements = new ArrayList<>(
                Privileges.owner(options, phase, label, alterTarget, row.text("owner")));
        if (options.privileges() && grantTarget != null) {
            statements.addAll(Privileges.statements(phase, label, grantTarget, row.text("owner"),
                    row.flag("acl_changed"), row.list("grants"), row.list("all_privileges")));
        }
        return statements;
    }

    /** The select-list columns {@code owner, acl_changed, grants} for an owner column and an ACL column. */
    static String ownerColumns(String ownerColumn, String aclColumn, char aclKind) {
        return "pg_catalog.pg_get_userbyid(" + ownerColumn + ") AS owner, "
                + Privileges.changedColumn(aclColumn, aclKind, ownerColumn) + " AS acl_changed, "
                + Privileges.grantsColumn(aclColumn) + " AS grants, "
                + Privileges.allPrivilegesColumn(aclKind, ownerColumn) + " AS all_privileges";
    }
}
