package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.model.DatabaseDescription;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.TableInfo;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Describes a database: the same tables the fingerprint covers, with their row counts. */
final class Describer {

    private Describer() {
    }

    /** A live database, inside a read transaction the caller holds; its size includes the write-ahead log. */
    static DatabaseDescription describeLive(Connection connection, SqliteLocation location)
            throws SQLException, IOException {
        DatabaseFacts facts = DatabaseFacts.read(connection);
        List<TableInfo> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (SchemaEntry table : Schema.read(connection).dataTables()) {
                try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + table.quotedName())) {
                    count.next();
                    tables.add(new TableInfo(table.name(), count.getLong(1)));
                }
            }
        }
        return describe(facts, location, liveSize(facts, location), tables, journalMode(connection));
    }

    /**
     * {@code wal}, or {@code delete} for the rollback-journal modes. Asked of the connection: reading the file's
     * header here would open and close it, and closing any descriptor of a file drops this process's locks on it,
     * the read transaction's among them.
     */
    static String journalMode(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
            // the rollback-journal modes are a connection's choice, not the file's: the file says only "not WAL"
            return mode.next() && "wal".equalsIgnoreCase(mode.getString(1)) ? "wal" : "delete";
        }
    }

    /** A live database's size: its pages, plus the write-ahead log that holds its newest pages. */
    static long liveSize(DatabaseFacts facts, SqliteLocation location) throws IOException {
        return facts.mainFileBytes() + DatabaseFile.walBytes(location.path());
    }

    /** A snapshot taken of a source, with the row counts its fingerprint found and how it was taken. */
    static DatabaseDescription describeSnapshot(DatabaseFacts facts, Fingerprint fingerprint, SqliteLocation source,
                                                String journalMode, SnapshotMethod method) {
        List<TableInfo> tables = new ArrayList<>();
        fingerprint.tables().forEach((name, table) -> tables.add(new TableInfo(name, table.rows())));
        Map<String, String> properties = facts.properties(journalMode);
        properties.put(SnapshotMethod.PROPERTY, method.value());
        return describe(facts, source, facts.mainFileBytes(), tables, properties);
    }

    private static DatabaseDescription describe(DatabaseFacts facts, SqliteLocation location, long sizeBytes,
                                                List<TableInfo> tables, String journalMode) {
        return describe(facts, location, sizeBytes, tables, facts.properties(journalMode));
    }

    private static DatabaseDescription describe(DatabaseFacts facts, SqliteLocation location, long sizeBytes,
                                                List<TableInfo> tables, Map<String, String> properties) {
        return DatabaseDescription.of(SqliteEngine.ID, facts.sqliteVersion(), location.databaseName(),
                location.path().toString(), sizeBytes, tables, facts.schemaVersion(), properties);
    }
}
