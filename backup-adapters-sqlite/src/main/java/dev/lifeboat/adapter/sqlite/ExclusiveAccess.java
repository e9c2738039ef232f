package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.error.LockedException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Takes a database's exclusive lock for a moment, which proves that no other connection is using it: in WAL mode
 * every open connection holds a shared lock on the file, and in rollback-journal mode every connection inside a
 * transaction does. It sees connections of this process and of others, on any platform, but not an idle
 * rollback-journal connection (that one holds no lock; see {@link ProcessScan}).
 *
 * <p>Closing the connection after the lock was granted does what SQLite does when the last connection to a WAL
 * database closes: it folds the write-ahead log into the file and removes it. The data stays the same.
 */
final class ExclusiveAccess {

    private ExclusiveAccess() {
    }

    /**
     * Counts the entries in the schema while no one else can use the database.
     *
     * @param checkpoint whether to move a WAL database's log into the main file and truncate it, so that nothing
     *                   is left in the log when the file is replaced
     * @throws LockedException when another connection is using the database
     * @throws SQLException    when it is not a database or cannot be opened
     */
    static long schemaEntries(Path database, String written, boolean checkpoint) throws SQLException {
        try (Connection connection = Connections.exclusive(database);
             Statement statement = connection.createStatement()) {
            long entries;
            statement.execute("BEGIN EXCLUSIVE");
            try (ResultSet count = statement.executeQuery("SELECT count(*) FROM sqlite_schema")) {
                count.next();
                entries = count.getLong(1);
            }
            statement.execute("ROLLBACK");
            if (checkpoint) {
                truncateLog(statement, written);
            }
            return entries;
        } catch (SQLiteException e) {
            if (isBusy(e)) {
                throw new LockedException(written + " is in use by another connection; close it and retry", e);
            }
            throw e;
        }
    }

    private static void truncateLog(Statement statement, String written) throws SQLException {
        try (ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            // one row (busy, log frames, checkpointed frames); busy is 1 when a reader kept it from finishing
            if (result.next() && result.getInt(1) != 0) {
                throw new LockedException(written + " is in use by another connection that keeps its write-ahead"
                        + " log from being checkpointed; close it and retry");
            }
        }
    }

    private static boolean isBusy(SQLiteException e) {
        int primary = e.getResultCode().code & 0xFF;
        return primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code;
    }
}
