package dev.lifeboat.adapter.postgres.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The database's own state that an application relies on: its settings ({@code ALTER DATABASE ... SET}), the
 * settings of roles in it ({@code ALTER ROLE ... IN DATABASE ... SET}), its comment, privileges and owner, and its
 * connection limit. They run last (phase DATABASE; the connection limit once the restored database has been checked,
 * phase AFTER_CHECK, since a small one would keep the check's sessions out) and name the database
 * {@link SchemaStatement#CURRENT_DATABASE}, since a restore loads into a database of another name first. Its
 * encoding and locale are not statements: a restore creates the database with them (see the engine's ServerFacts);
 * nor are whether it is a template or allows connections, which a restore leaves to the user (the engine warns).
 */
final class DatabaseStateReader {

    /**
     * Settings whose value is a list that the server stores already quoted, so that each element is written as a
     * literal of its own (pg_dump's variable_is_guc_list_quote).
     */
    private static final Set<String> LIST_SETTINGS = Set.of("local_preload_libraries", "search_path",
            "session_preload_libraries", "shared_preload_libraries", "temp_tablespaces", "unix_socket_directories");

    private DatabaseStateReader() {
    }

    static void read(ReadContext context) throws SQLException {
        Catalog catalog = context.catalog();
        Catalog.Row database = catalog.rows("SELECT d.oid, d.datconnlimit, "
                + "(SELECT s.description FROM pg_catalog.pg_shdescription s WHERE s.objoid = d.oid"
                + " AND s.classoid = 'pg_catalog.pg_database'::pg_catalog.regclass) AS comment, "
                + ReadContext.ownerColumns("d.datdba", "d.datacl", 'd')
                + " FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database()").get(0);
        ObjectRef ref = new ObjectRef("pg_database", database.number("oid"));
        String target = "DATABASE " + SchemaStatement.CURRENT_DATABASE;
        String label = "DATABASE";
        ScriptBuilder.PostData post = context.script().post(ref);
        for (Catalog.Row setting : catalog.rows("SELECT CASE WHEN s.setrole = 0 THEN NULL"
                + " ELSE pg_catalog.pg_get_userbyid(s.setrole) END AS role, s.setconfig"
                + " FROM pg_catalog.pg_db_role_setting s WHERE s.setdatabase = ? ORDER BY role NULLS FIRST",
                ref.oid())) {
            String role = setting.text("role");
            String alter = role == null ? "ALTER " + target : "ALTER ROLE " + Identifiers.quote(role) + " IN " + target;
            for (String assignment : setting.list("setconfig")) {
                String name = assignment.substring(0, assignment.indexOf('='));
                // a value may be a secret (PostgREST keeps its JWT secret in one): never shown
                post.add(new SchemaStatement(StatementPhase.DATABASE, StatementKind.DEFINITION,
                        (role == null ? "DATABASE" : "ROLE " + role) + " SETTING " + name,
                        alter + " SET " + setClause(assignment), role == null ? List.of() : List.of(role), true));
            }
        }
        if (database.has("comment")) {
            post.add(StatementPhase.DATABASE, StatementKind.COMMENT, label,
                    "COMMENT ON " + target + " IS " + Identifiers.literal(database.text("comment")));
        }
        if (context.options().privileges()) {
            post.addAll(Privileges.statementsOfOwnObject(StatementPhase.DATABASE, label, target,
                    database.text("owner"), database.flag("acl_changed"), database.list("grants"),
                    database.list("all_privileges")));
        }
        // last: the restoring role owns the database until here, which is what the privileges above count on
        post.addAll(Privileges.owner(context.options(), StatementPhase.DATABASE, label, target,
                database.text("owner")));
        if (database.number("datconnlimit") != -1) {
            post.add(StatementPhase.AFTER_CHECK, StatementKind.DEFINITION, label,
                    "ALTER " + target + " CONNECTION LIMIT " + database.number("datconnlimit"));
        }
    }

    /** {@code name TO value} for a stored {@code name=value}. */
    static String setClause(String assignment) {
        int equals = assignment.indexOf('=');
        String name = assignment.substring(0, equals);
        String value = assignment.substring(equals + 1);
        String written = LIST_SETTINGS.contains(name.toLowerCase(Locale.ROOT))
                ? String.join(", ", listElements(value).stream().map(Identifiers::literal).toList())
                : Identifiers.literal(value);
        return Identifiers.quote(name) + " TO " + written;
    }

    /**
     * The elements of a list setting as the server stores it: separated by commas, each optionally in double quotes
     * (with doubled quotes inside); an empty list is stored as {@code ""}.
     */
    static List<String> listElements(String value) {
        List<String> elements = new ArrayList<>();
        int at = 0;
        while (at < value.length()) {
            while (at < value.length() && value.charAt(at) == ' ') {
                at++;
            }
            StringBuilder element = new StringBuilder();
            if (at < value.length() && value.charAt(at) == '"') {
                at++;
                while (at < value.length()) {
                    char c = value.charAt(at++);
                    if (c == '"') {
                        if (at < value.length() && value.charAt(at) == '"') {
                            element.append('"');
                            at++;
                        } else {
                            break;
                        }
                    } else {
                        element.append(c);
                    }
                }
                while (at < value.length() && value.charAt(at) != ',') {
                    at++;
                }
            } else {
                int comma = value.indexOf(',', at);
                int end = comma < 0 ? value.length() : comma;
                element.append(value.substring(at, end).strip());
                at = end;
            }
            elements.add(element.toString());
            at++;
        }
        return elements;
    }

    /**
     * Description lines: the settings, each value as its MD5 (a value may be a secret, and a description is printed
     * when a restore differs), and the comment. Privileges and the owner are left out, as everywhere, and so is the
     * connection limit, set once the restored database has been checked.
     */
    static List<String> description() {
        return List.of(
                "SELECT 'pg_database' AS catalog, d.oid, pg_catalog.format('database setting for %s: %s=md5:%s',"
                        + " COALESCE(pg_catalog.pg_get_userbyid(NULLIF(s.setrole, 0)), 'every role'),"
                        + " pg_catalog.split_part(c.setting, '=', 1),"
                        + " pg_catalog.md5(pg_catalog.substr(c.setting, pg_catalog.strpos(c.setting, '=') + 1))) AS line"
                        + " FROM pg_catalog.pg_database d JOIN pg_catalog.pg_db_role_setting s ON s.setdatabase = d.oid,"
                        + " LATERAL pg_catalog.unnest(s.setconfig) AS c(setting)"
                        + " WHERE d.datname = pg_catalog.current_database()",
                "SELECT 'pg_database' AS catalog, d.oid, pg_catalog.format('database comment: %s', s.description)"
                        + " AS line FROM pg_catalog.pg_database d JOIN pg_catalog.pg_shdescription s"
                        + " ON s.objoid = d.oid AND s.classoid = 'pg_catalog.pg_database'::pg_catalog.regclass"
                        + " WHERE d.datname = pg_catalog.current_database()");
    }
}
