package dev.lifeboat.adapter.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the catalogs say about a database as a whole: server version, size, encoding and locale, extensions, and the
 * newest Flyway or Liquibase migration as its schema version.
 *
 * @param serverVersion the server's version, such as {@code 17.6}
 * @param sizeBytes     pg_database_size
 * @param properties    server major, encoding and locale (see {@link DatabaseLocale}), extensions, and whether the
 *                      database is a template or closed to connections
 * @param schemaVersion the newest migration, when a migration tool's table is there
 */
record ServerFacts(String serverVersion, long sizeBytes, Map<String, String> properties,
                   Map<String, String> schemaVersion) {

    /** The property recorded for a database that is a template (datistemplate), absent otherwise. */
    static final String TEMPLATE = "template";
    /** The property recorded for a database that allows no connections (datallowconn false), absent otherwise. */
    static final String ALLOWS_CONNECTIONS = "allows-connections";

    static ServerFacts read(Connection connection) throws SQLException {
        Map<String, String> properties = new TreeMap<>();
        String version;
        int versionNum;
        long size;
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("""
                     SELECT pg_catalog.current_setting('server_version'),
                            pg_catalog.current_setting('server_version_num')::integer,
                            pg_catalog.pg_database_size(d.oid), d.datistemplate, d.datallowconn
                       FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database()""")) {
            result.next();
            version = result.getString(1).split(" ")[0];
            versionNum = result.getInt(2);
            properties.put("server-major", Integer.toString(versionNum / 10000));
            size = result.getLong(3);
            // a restore never makes its database a template or closed to connections: it says so instead
            if (result.getBoolean(4)) {
                properties.put(TEMPLATE, "true");
            }
            if (!result.getBoolean(5)) {
                properties.put(ALLOWS_CONNECTIONS, "false");
            }
        }
        properties.putAll(DatabaseLocale.read(connection, versionNum).properties());
        List<String> extensions = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT extname, extversion FROM pg_catalog.pg_extension ORDER BY extname")) {
            while (result.next()) {
                extensions.add(result.getString(1) + " " + result.getString(2));
            }
        }
        properties.put("extensions", String.join(", ", extensions));
        return new ServerFacts(version, size, properties, schemaVersion(connection));
    }

    /** The newest applied migration of Flyway or Liquibase, wherever its table is. */
    static Map<String, String> schemaVersion(Connection connection) throws SQLException {
        Map<String, String> version = new LinkedHashMap<>();
        Optional<String> flyway = findTable(connection, "flyway_schema_history");
        if (flyway.isPresent()) {
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT version, description FROM " + flyway.get()
                         + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
                if (result.next()) {
                    version.put("flyway", result.getString(1) + " " + Optional.ofNullable(result.getString(2)).orElse(""));
                }
            }
        }
        Optional<String> liquibase = findTable(connection, "databasechangelog");
        if (liquibase.isPresent()) {
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT id, author FROM " + liquibase.get()
                         + " ORDER BY orderexecuted DESC LIMIT 1")) {
                if (result.next()) {
                    version.put("liquibase", result.getString(1) + " by " + result.getString(2));
                }
            }
        }
        version.replaceAll((tool, text) -> text.strip());
        return version;
    }

    private static Optional<String> findTable(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname)
                  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.relname = ? AND c.relkind IN ('r', 'p') AND pg_catalog.has_table_privilege(c.oid, 'SELECT')
                 ORDER BY n.nspname = 'public' DESC, n.nspname LIMIT 1""")) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? Optional.of(result.getString(1)) : Optional.empty();
            }
        }
    }
}
