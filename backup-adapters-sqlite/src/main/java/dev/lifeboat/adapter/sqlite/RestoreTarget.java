package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.error.RefusedException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.spi.TargetState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The file a restore writes to, and what is there now. A target that is a symbolic link is followed, so the
 * restore replaces the database the link points to rather than the link.
 *
 * @param written the path as the user wrote it, for messages
 * @param path    the file, with links resolved where it exists
 */
record RestoreTarget(String written, Path path) {

    static RestoreTarget of(DatabaseLocation location) {
        SqliteLocation parsed = SqliteLocation.require(location);
        try {
            Path path = parsed.path();
            if (Files.exists(path)) {
                path = path.toRealPath();
            } else if (path.getParent() != null && Files.isDirectory(path.getParent())) {
                path = path.getParent().toRealPath().resolve(path.getFileName());
            }
            return new RestoreTarget(parsed.written(), path);
        } catch (IOException e) {
            throw SqliteFailures.of(e, "finding the restore target " + parsed.written());
        }
    }

    /**
     * What a restore would find here, read without writing anything: a dry run, a plan and a refusal must leave the
     * target as it is (a read-write connection would fold a WAL database's log into its file when it closes). What is
     * read can change before the restore replaces anything; {@link ExclusiveAccess} checks again under its lock.
     *
     * <p>"In use" is what can be seen without taking a lock: another process holding the file open (Linux), or a
     * connection writing it right now. A connection of this process that only reads is found by the restore's lock.
     *
     * @throws LockedException  when another process or a writing connection is using it
     * @throws RefusedException when a file is there that is not a SQLite database: lifeboat replaces only those
     */
    TargetState probe() {
        if (Files.isDirectory(path)) {
            throw new InvalidUsageException(written + " is a directory: give the database file to restore to");
        }
        if (!Files.exists(path)) {
            if (Files.isSymbolicLink(path)) {
                throw new RefusedException(written + " is a symbolic link to a file that does not exist; restore to"
                        + " the file it should point to, or remove the link");
            }
            return TargetState.ABSENT;
        }
        try {
            if (!Files.isRegularFile(path)) {
                throw new RefusedException(written + " exists and is not a regular file; choose another target");
            }
            if (Files.size(path) > 0 && !DatabaseFile.hasHeader(path)) {
                throw new RefusedException(written + " exists and is not a SQLite database; lifeboat replaces only"
                        + " SQLite databases: move it away or choose another target");
            }
            ProcessScan.requireUnused(path, written);
            if (Files.size(path) == 0) {
                return TargetState.EMPTY;
            }
            return schemaEntries() == 0 ? TargetState.EMPTY : TargetState.OCCUPIED;
        } catch (IOException e) {
            throw SqliteFailures.of(e, "looking at the restore target " + written);
        }
    }

    /**
     * The schema version of the database here ({@code user_version}, {@code application_id}), read as
     * {@link #probe} reads, creating nothing beside it: a plan or a refusal leaves the target's directory as it was.
     */
    Map<String, String> schemaVersion() {
        try (Connection connection = readingConnection()) {
            return DatabaseFacts.read(connection).schemaVersion();
        } catch (SQLException e) {
            throw SqliteFailures.of(e, "reading the schema version of " + written, written);
        } catch (IOException e) {
            throw SqliteFailures.of(e, "reading the schema version of " + written);
        }
    }

    private long schemaEntries() throws IOException {
        try (Connection connection = readingConnection();
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) FROM sqlite_schema")) {
            count.next();
            return count.getLong(1);
        } catch (SQLiteException e) {
            SQLiteErrorCode primary = SQLiteErrorCode.getErrorCode(e.getResultCode().code & 0xFF);
            if (primary == SQLiteErrorCode.SQLITE_BUSY || primary == SQLiteErrorCode.SQLITE_LOCKED) {
                throw new LockedException(written + " is in use by another connection, which is writing to it; let"
                        + " it finish and retry", e);
            }
            if (primary == SQLiteErrorCode.SQLITE_NOTADB || primary == SQLiteErrorCode.SQLITE_CORRUPT
                    || e.getResultCode() == SQLiteErrorCode.SQLITE_READONLY_ROLLBACK) {
                // a damaged database, or one whose crashed writer left a journal to roll back, is still somebody's
                // data: replacing it needs the user's say-so
                return Long.MAX_VALUE;
            }
            throw SqliteFailures.of(e, "looking at the restore target " + written, written);
        } catch (SQLException e) {
            throw SqliteFailures.of(e, "looking at the restore target " + written, written);
        }
    }

    // a read-only connection reads a WAL database's log too, and creates the log and its index when they are
    // missing; an empty or missing log holds nothing, so then the file alone is read, which creates nothing
    private Connection readingConnection() throws IOException, SQLException {
        if (DatabaseFile.isWal(path) && DatabaseFile.walBytes(path) == 0) {
            return DatabaseFileConnections.immutable(path);
        }
        return DatabaseFileConnections.readOnlyNoWait(path);
    }
}
