package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.model.DatabaseDescription;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.TableInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

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
        return describe(facts, location, liveSize(facts, location), tables, DatabaseFile.journalMode(location.path()));
    }

    /** A live database's size: its pages, plus the write-ahead log that holds its newest pages. */
    static long liveSize(DatabaseFacts facts, SqliteLocation location) throws IOException {
        Path wal = DatabaseFile.companions(location.path()).get(0);
        long walBytes = Files.exists(wal) ? Files.size(wal) : 0;
        return facts.mainFileBytes() + walBytes;
    }

    /** A snapshot taken of a source, with the row counts its fingerprint found. */
    static DatabaseDescription describeSnapshot(DatabaseFacts facts, Fingerprint fingerprint, SqliteLocation source,
                                                String journalMode) {
        List<TableInfo> tables = new ArrayList<>();
        fingerprint.tables().forEach((name, table) -> tables.add(new TableInfo(name, table.rows())));
        return describe(facts, source, facts.mainFileBytes(), tables, journalMode);
    }

    private static DatabaseDescription describe(DatabaseFacts facts, SqliteLocation location, long sizeBytes,
                                                List<TableInfo> tables, String journalMode) {
        return DatabaseDescription.of(SqliteEngine.ID, facts.sqliteVersion(), location.databaseName(),
                location.path().toString(), sizeBytes, tables, facts.schemaVersion(), facts.properties(journalMode));
    }
}
