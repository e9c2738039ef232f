package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.catalog.SchemaOptions;
import dev.lifeboat.adapter.postgres.catalog.SchemaReader;
import dev.lifeboat.adapter.postgres.catalog.SchemaScript;
import dev.lifeboat.adapter.postgres.catalog.TableData;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.TableFingerprint;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.ProgressUnit;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fingerprint of a database as it is now, computed exactly as a backup computes it (the same snapshot, settings,
 * COPY text and large objects), so a live or restored database compares equal to the backup that holds the same data.
 */
final class DatabaseFingerprint {

    private DatabaseFingerprint() {
    }

    /** A database's fingerprint, and the schema description it hashes. */
    record Measured(Fingerprint fingerprint, String description) {
    }

    static Fingerprint of(PostgresLocation location, int jobs, Progress progress) {
        return measure(location, jobs, progress).fingerprint();
    }

    static Measured measure(PostgresLocation location, int jobs, Progress progress) {
        return measure(location, Map.of(), jobs, progress);
    }

    /**
     * The fingerprint of a database that a restore has just loaded: a table that still holds exactly the rows sent
     * into it ({@link LoadedTable#unchangedIn}) has the fingerprint they were hashed to on the way; any other table,
     * the large objects and the schema are read from the server.
     *
     * @param loaded what the load sent into each table, by its COPY target
     */
    static Measured measure(PostgresLocation location, Map<String, LoadedTable> loaded, int jobs, Progress progress) {
        String doing = "fingerprinting " + location.display();
        try (SnapshotSession session = SnapshotSession.begin(location)) {
            SchemaScript script = new SchemaReader(session.leader(), SchemaOptions.all()).read();
            Map<String, TableFingerprint> tables = new HashMap<>();
            List<TableData> readBack = loaded.isEmpty() ? script.tables()
                    : unchangedSinceLoaded(session, script.tables(), loaded, tables, progress);
            if (!readBack.isEmpty()) {
                tables.putAll(ParallelCopyOut.run(session, readBack, jobs, table -> OutputStream.nullOutputStream(),
                        progress, doing));
            }
            Map<String, String> largeObjects = LargeObjectsOut.fingerprint(session.leader(), progress).attributes();
            return new Measured(Fingerprint.of(ArchiveLayout.FINGERPRINT_ALGORITHM,
                    ArchiveLayout.schemaHash(script.description()), largeObjects, tables), script.description());
        } catch (SQLException e) {
            throw PostgresFailures.of(e, doing);
        } catch (IOException e) {
            throw PostgresFailures.of(e, doing);
        }
    }

    /**
     * Puts the fingerprint of every table that still holds exactly the rows loaded into it into {@code tables}.
     *
     * @return the tables that do not, to be read back
     */
    private static List<TableData> unchangedSinceLoaded(SnapshotSession session, List<TableData> restored,
                                                        Map<String, LoadedTable> loaded,
                                                        Map<String, TableFingerprint> tables, Progress progress)
            throws SQLException {
        List<TableData> readBack = new ArrayList<>();
        try (Progress.Task task = progress.start("checking loaded tables", restored.size(), ProgressUnit.ITEMS)) {
            long done = 0;
            for (TableData table : restored) {
                LoadedTable sent = loaded.get(table.copyTarget());
                if (sent != null && sent.unchangedIn(session.leader(), table)) {
                    tables.put(table.table().display(), sent.sent());
                } else {
                    readBack.add(table);
                }
                task.update(++done);
            }
        }
        return readBack;
    }
}
