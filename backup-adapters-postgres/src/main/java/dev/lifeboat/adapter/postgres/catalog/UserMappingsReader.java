package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.List;

/**
 * User mappings, for a role or for PUBLIC (a mapping made FOR CURRENT_USER is stored for that role). Their options
 * usually hold a password: the statement is marked secret, and the description holds a hash of each value. The
 * pg_user_mappings view hides a mapping's options from a role that is neither a superuser, the server's owner nor the
 * mapped user; such a mapping cannot be backed up faithfully, so it is reported rather than written without them.
 */
final class UserMappingsReader {

    /** Whether pg_user_mappings shows this row's options to the current role: the view's own rule. */
    private static final String OPTIONS_VISIBLE = "((m.umuser <> 0 AND m.usename = CURRENT_USER"
            + " AND (pg_catalog.pg_has_role(s.srvowner, 'USAGE') OR pg_catalog.has_server_privilege(s.oid, 'USAGE')))"
            + " OR (m.umuser = 0 AND pg_catalog.pg_has_role(s.srvowner, 'USAGE'))"
            + " OR COALESCE((SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = CURRENT_USER), false))";

    private UserMappingsReader() {
    }

    static void read(ReadContext context) throws SQLException {
        for (Catalog.Row row : context.catalog().rows("SELECT m.umid, m.srvname, m.umuser, m.usename, "
                + GenericOptions.clause("m.umoptions") + " AS options, " + OPTIONS_VISIBLE + " AS visible"
                + " FROM pg_catalog.pg_user_mappings m JOIN pg_catalog.pg_foreign_server s ON s.oid = m.srvid"
                + " WHERE m.srvid >= " + Catalog.FIRST_NORMAL_OID + " ORDER BY m.srvname, m.usename")) {
            boolean forPublic = row.number("umuser") == 0;
            String user = row.text("usename");
            String server = row.text("srvname");
            ObjectRef ref = new ObjectRef("pg_user_mapping", row.number("umid"));
            if (!row.flag("visible")) {
                context.script().unsupported(ref, "user mapping for " + (forPublic ? "PUBLIC" : user) + " server "
                        + server + " (its options are shown only to a superuser, the server's owner or the mapped"
                        + " user: back up as one of them)");
                continue;
            }
            String label = "USER MAPPING FOR " + (forPublic ? "PUBLIC" : user) + " SERVER " + server;
            String sql = "CREATE USER MAPPING FOR " + (forPublic ? "PUBLIC" : Identifiers.quote(user)) + " SERVER "
                    + Identifiers.quote(server) + GenericOptions.suffix(row.text("options"));
            context.script().object(ref, ObjectRank.USER_MAPPING, new QualifiedName("", server),
                            forPublic ? "" : user)
                    .addAll(List.of(new SchemaStatement(StatementPhase.PRE_DATA, StatementKind.DEFINITION, label, sql,
                            forPublic ? List.of() : List.of(user), row.has("options"))));
        }
    }

    /** Description query: every mapping, each option value as a hash so that the description holds no password. */
    static List<String> description(Catalog catalog) {
        return List.of("SELECT 'pg_user_mapping' AS catalog, m.umid AS oid, pg_catalog.format('user mapping for %s server %s"
                + " options %s', CASE WHEN m.umuser = 0 THEN 'PUBLIC' ELSE m.usename::text END, m.srvname, "
                + GenericOptions.hashed("m.umoptions") + ") AS line FROM pg_catalog.pg_user_mappings m"
                + " WHERE m.srvid >= " + Catalog.FIRST_NORMAL_OID);
    }
}
