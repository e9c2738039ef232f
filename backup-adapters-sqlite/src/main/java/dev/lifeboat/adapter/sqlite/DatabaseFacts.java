package dev.lifeboat.adapter.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cheap facts about a database that its pragmas tell.
 *
 * @param sqliteVersion  the SQLite library's version
 * @param pageSize       bytes per page
 * @param pageCount      pages in the main file
 * @param freelistCount  unused pages
 * @param encoding       UTF-8, UTF-16le or UTF-16be
 * @param autoVacuum     none, full or incremental
 * @param userVersion    the application's schema version
 * @param applicationId  the application's file-format identifier
 */
record DatabaseFacts(String sqliteVersion, long pageSize, long pageCount, long freelistCount, String encoding,
                     String autoVacuum, long userVersion, long applicationId) {

    private static final String[] AUTO_VACUUM_MODES = {"none", "full", "incremental"};

    static DatabaseFacts read(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            long autoVacuum = number(statement, "PRAGMA auto_vacuum");
            return new DatabaseFacts(text(statement, "SELECT sqlite_version()"),
                    number(statement, "PRAGMA page_size"), number(statement, "PRAGMA page_count"),
                    number(statement, "PRAGMA freelist_count"), text(statement, "PRAGMA encoding"),
                    autoVacuum >= 0 && autoVacuum < AUTO_VACUUM_MODES.length
                            ? AUTO_VACUUM_MODES[(int) autoVacuum] : Long.toString(autoVacuum),
                    number(statement, "PRAGMA user_version"), number(statement, "PRAGMA application_id"));
        }
    }

    boolean isUtf8() {
        return encoding.equalsIgnoreCase("UTF-8");
    }

    /** The size of the main file's pages. */
    long mainFileBytes() {
        return pageSize * pageCount;
    }

    /** What identifies the schema's version: user_version and application_id. */
    Map<String, String> schemaVersion() {
        Map<String, String> version = new TreeMap<>();
        version.put("user_version", Long.toString(userVersion));
        version.put("application_id", Long.toString(applicationId));
        return version;
    }

    /** Further facts worth keeping in a manifest. */
    Map<String, String> properties(String journalMode) {
        Map<String, String> properties = new TreeMap<>();
        properties.put("page_size", Long.toString(pageSize));
        properties.put("page_count", Long.toString(pageCount));
        properties.put("freelist_count", Long.toString(freelistCount));
        properties.put("encoding", encoding);
        properties.put("auto_vacuum", autoVacuum);
        properties.put("journal_mode", journalMode);
        properties.put("sqlite_version", sqliteVersion);
        return properties;
    }

    private static long number(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    private static String text(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : "";
        }
    }
}
