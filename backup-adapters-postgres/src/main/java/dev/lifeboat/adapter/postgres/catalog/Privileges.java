package dev.lifeboat.adapter.postgres.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GRANT and REVOKE statements from an object's ACL, read with aclexplode. When the ACL differs from the server's
 * default for the owner, the script first revokes everything from PUBLIC and the owner and then grants the ACL's
 * entries, so the restored ACL is exactly the saved one whatever the defaults were.
 */
final class Privileges {

    private Privileges() {
    }

    /** A select-list expression: the ACL's entries as {@code <Y|N><P|R>|privilege|role} texts. */
    static String grantsColumn(String acl) {
        return "(SELECT pg_catalog.array_agg(CASE WHEN a.is_grantable THEN 'Y' ELSE 'N' END"
                + " || CASE WHEN a.grantee = 0 THEN 'P' ELSE 'R' END || '|' || a.privilege_type || '|'"
                + " || CASE WHEN a.grantee = 0 THEN '' ELSE pg_catalog.pg_get_userbyid(a.grantee) END"
                + " ORDER BY o) FROM pg_catalog.aclexplode(" + acl + ") WITH ORDINALITY AS a(grantor, grantee,"
                + " privilege_type, is_grantable, o))";
    }

    /** A select-list expression: every privilege the kind of object has on this server, in ACL order. */
    static String allPrivilegesColumn(char kind, String owner) {
        return "(SELECT pg_catalog.array_agg(a.privilege_type ORDER BY o) FROM pg_catalog.aclexplode("
                + "pg_catalog.acldefault('" + kind + "', " + owner + ")) WITH ORDINALITY AS a(grantor, grantee,"
                + " privilege_type, is_grantable, o) WHERE a.grantee = " + owner + ")";
    }

    /** A select-list expression: whether the ACL is set and differs from the default ACL of its kind and owner. */
    static String changedColumn(String acl, char kind, String owner) {
        return "(" + acl + " IS NOT NULL AND " + acl + " OPERATOR(pg_catalog.<>) pg_catalog.acldefault('" + kind
                + "', " + owner + "))";
    }

    /**
     * The statements for an object's ACL.
     *
     * @param target  what follows ON: {@code TABLE "s"."t"}
     * @param owner   the owner's name
     * @param changed whether the ACL differs from the default
     * @param grants  the entries, as {@link #grantsColumn} gives them
     * @param all     every privilege of this kind of object: a grantee holding them all is granted ALL, which
     *                also restores onto a server version whose set differs (PostgreSQL 17 added MAINTAIN)
     */
    static List<SchemaStatement> statements(StatementPhase phase, String label, String target, String owner,
                                            boolean changed, List<String> grants, List<String> all) {
        if (!changed) {
            return List.of();
        }
        List<SchemaStatement> statements = new ArrayList<>();
        statements.add(privilege(phase, label, "REVOKE ALL ON " + target + " FROM PUBLIC", List.of()));
        statements.add(privilege(phase, label, "REVOKE ALL ON " + target + " FROM " + Identifiers.quote(owner),
                List.of(owner)));
        statements.addAll(grants(phase, label, "", target, grants, all));
        return statements;
    }

    /**
     * The statements for the ACL of an object that the restoring role owns while they run and gives to its owner
     * afterwards (the database, which the restore creates): the owner's own entries name {@code CURRENT_USER}, so that
     * the ACL is relative to whoever owns the object in the end, since a change of owner carries the owner's entries
     * over to the new one. Under {@code --no-owner}, or when the restored database keeps a replaced one's owner, the
     * ACL stays consistent with its owner; the role that owned the source is not named.
     */
    static List<SchemaStatement> statementsOfOwnObject(StatementPhase phase, String label, String target, String owner,
                                                      boolean changed, List<String> grants, List<String> all) {
        if (!changed) {
            return List.of();
        }
        List<SchemaStatement> statements = new ArrayList<>();
        statements.add(privilege(phase, label, "REVOKE ALL ON " + target + " FROM PUBLIC", List.of()));
        statements.add(privilege(phase, label, "REVOKE ALL ON " + target + " FROM CURRENT_USER", List.of()));
        statements.addAll(grants(phase, label, "", target, grants, all, Optional.of(owner)));
        return statements;
    }

    /** GRANT statements for a column's ACL (columns have no default privileges, so nothing to revoke). */
    static List<SchemaStatement> columnStatements(StatementPhase phase, String label, String tableTarget,
                                                  String column, List<String> grants) {
        return grants(phase, label, " (" + Identifiers.quote(column) + ")", tableTarget, grants, List.of());
    }

    /** GRANT statements; {@code columns} goes after each privilege's name. */
    static List<SchemaStatement> grants(StatementPhase phase, String label, String columns, String target,
                                        List<String> grants, List<String> all) {
        return grants(phase, label, columns, target, grants, all, Optional.empty());
    }

    /** GRANT statements, those to {@code currentUser} (when given) granted to CURRENT_USER. */
    private static List<SchemaStatement> grants(StatementPhase phase, String label, String columns, String target,
                                                List<String> grants, List<String> all, Optional<String> currentUser) {
        Map<String, List<String>> byGrantee = new LinkedHashMap<>();
        Map<String, String> roles = new LinkedHashMap<>();
        for (String text : grants) {
            AclEntry entry = AclEntry.parse(text);
            boolean toCurrentUser = entry.role().isPresent() && entry.role().equals(currentUser);
            String key = (entry.grantable() ? "Y" : "N") + (toCurrentUser ? "CURRENT_USER" : entry.grantee());
            byGrantee.computeIfAbsent(key, k -> new ArrayList<>()).add(entry.privilege() + columns);
            if (!toCurrentUser) {
                entry.role().ifPresent(role -> roles.put(key, role));
            }
        }
        List<SchemaStatement> statements = new ArrayList<>();
        byGrantee.forEach((key, privileges) -> statements.add(privilege(phase, label,
                "GRANT " + (!all.isEmpty() && privileges.containsAll(all) ? "ALL" : String.join(", ", privileges))
                        + " ON " + target + " TO " + key.substring(1) + (key.charAt(0) == 'Y' ? " WITH GRANT OPTION" : ""),
                roles.containsKey(key) ? List.of(roles.get(key)) : List.of())));
        return statements;
    }

    /** ALTER ... OWNER TO, when owners are wanted. */
    static List<SchemaStatement> owner(SchemaOptions options, StatementPhase phase, String label, String alterTarget,
                                       String owner) {
        if (!options.owners()) {
            return List.of();
        }
        return List.of(new SchemaStatement(phase, StatementKind.OWNER, label,
                "ALTER " + alterTarget + " OWNER TO " + Identifiers.quote(owner), List.of(owner)));
    }

    private static SchemaStatement privilege(StatementPhase phase, String label, String sql, List<String> roles) {
        return new SchemaStatement(phase, StatementKind.PRIVILEGE, label, sql, roles);
    }
}
