package dev.lifeboat.adapter.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * How far a WAL database's log has been copied back into the database file ("backfilled"), as {@code PRAGMA
 * wal_checkpoint(NOOP)} reports it. The NOOP mode checkpoints nothing and writes nothing: it reads the counters in
 * the shared log index, which is all that is wanted here (sqlite3WalCheckpoint in wal.c skips both the checkpoint
 * lock and the copying for it).
 *
 * @param busy               1 when the counters could not be read
 * @param logFrames          frames in the log; -1 when the database is not in WAL mode
 * @param checkpointedFrames frames of the log already in the database file; -1 when not in WAL mode
 */
record WalCheckpointState(long busy, long logFrames, long checkpointedFrames) {

    // NOOP came with SQLite 3.51.0; an older SQLite takes the unknown mode for PASSIVE, which does copy frames
    private static final int NOOP_MAJOR = 3;
    private static final int NOOP_MINOR = 51;

    /**
     * Reads the counters through a new read-only connection (one inside a transaction cannot run even a NOOP
     * checkpoint: SQLite refuses with {@code SQLITE_LOCKED}). Being read-only, it could not copy a frame even if
     * the mode were misread.
     *
     * @return the counters, or empty when this SQLite cannot report them without checkpointing
     */
    static Optional<WalCheckpointState> read(Path database) throws SQLException {
        try (Connection connection = DatabaseFileConnections.readOnlyNoWait(database);
             Statement statement = connection.createStatement()) {
            if (!reportsWithoutCheckpointing(text(statement, "SELECT sqlite_version()"))) {
                return Optional.empty();
            }
            try (ResultSet row = statement.executeQuery("PRAGMA wal_checkpoint(NOOP)")) {
                return row.next()
                        ? Optional.of(new WalCheckpointState(row.getLong(1), row.getLong(2), row.getLong(3)))
                        : Optional.empty();
            }
        }
    }

    /** Whether every frame in the log is also in the database file. */
    boolean fullyBackfilled() {
        return busy == 0 && logFrames >= 0 && logFrames == checkpointedFrames;
    }

    static boolean reportsWithoutCheckpointing(String sqliteVersion) {
        String[] parts = sqliteVersion.split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return major > NOOP_MAJOR || major == NOOP_MAJOR && minor >= NOOP_MINOR;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String text(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : "";
        }
    }
}
