package dev.lifeboat.it;

import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a user looks at to judge a PostgreSQL backup or restore from the outside: each table's rows, each
 * sequence's position, the databases a server has, the archives a repository holds.
 */
final class PostgresDatabases {

    private static final String RELATIONS = """
            SELECT format('%I.%I', n.nspname, c.relname), c.relkind
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'm', 'S')
              AND (c.relkind <> 'm' OR c.relispopulated)
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
              AND n.nspname NOT LIKE 'pg\\_temp%'
            ORDER BY 1
            """;

    private PostgresDatabases() {
    }

    /**
     * The content of every table (its own rows, not its children's: row count and a hash of the rows' text), every
     * populated materialized view and every sequence (its position), by qualified name.
     */
    static SortedMap<String, String> content(TestServer server, String database) throws SQLException {
        SortedMap<String, String> content = new TreeMap<>();
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            List<String[]> relations = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(RELATIONS)) {
                while (rows.next()) {
                    relations.add(new String[] {rows.getString(1), rows.getString(2)});
                }
            }
            for (String[] relation : relations) {
                String sql = relation[1].equals("S")
                        ? "SELECT 'position ' || last_value || ' called ' || is_called FROM " + relation[0]
                        : "SELECT count(*) || ' rows, md5 ' || md5(coalesce(string_agg(h, '' ORDER BY h COLLATE \"C\"), ''))"
                          + " FROM (SELECT md5(t::text) AS h FROM ONLY " + relation[0] + " t) hashed";
                try (ResultSet rows = statement.executeQuery(sql)) {
                    rows.next();
                    content.put(relation[0], rows.getString(1));
                }
            }
        }
        return content;
    }

    /** How many rows a table holds, its children's included. */
    static long rowCount(TestServer server, String database, String table) throws SQLException {
        return queryLong(server, database, "SELECT count(*) FROM " + table);
    }

    static long queryLong(TestServer server, String database, String sql) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static String queryString(TestServer server, String database, String sql) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** The names of the server's databases that start with the prefix, sorted. */
    static List<String> databasesStartingWith(TestServer server, String prefix) throws SQLException {
        try (Connection connection = server.connect("postgres");
             PreparedStatement query = connection.prepareStatement(
                     "SELECT datname FROM pg_catalog.pg_database WHERE starts_with(datname, ?) ORDER BY 1")) {
            query.setString(1, prefix);
            List<String> names = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        }
    }

    static boolean databaseExists(TestServer server, String name) throws SQLException {
        return databasesStartingWith(server, name).contains(name);
    }

    /** The archives in a repository directory (none when it does not exist). */
    static List<String> archives(Path repository) {
        if (!Files.isDirectory(repository)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(repository)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".lifeboat.tar"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
