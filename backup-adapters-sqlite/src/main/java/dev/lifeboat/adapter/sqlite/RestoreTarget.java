package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.error.RefusedException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.port.out.TargetState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
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
     * What a restore would find here.
     *
     * @throws LockedException  when another connection or process is using it
     * @throws RefusedException when a file is there that is not a SQLite database: lifeboat replaces only those
     */
    TargetState probe() {
        if (Files.isDirectory(path)) {
            throw new InvalidUsageException(written + " is a directory: give the database file to restore to");
        }
        if (!Files.exists(path)) {
            return TargetState.ABSENT;
        }
        try {
            if (!Files.isRegularFile(path)) {
                throw new RefusedException(written + " exists and is not a regular file; choose another target");
            }
            if (Files.size(path) == 0) {
                ProcessScan.requireUnused(path, written);
                return TargetState.EMPTY;
            }
            if (!DatabaseFile.hasHeader(path)) {
                throw new RefusedException(written + " exists and is not a SQLite database; lifeboat replaces only"
                        + " SQLite databases: move it away or choose another target");
            }
        } catch (IOException e) {
            throw SqliteFailures.of(e, "looking at the restore target " + written);
        }
        return schemaEntries(false) == 0 ? TargetState.EMPTY : TargetState.OCCUPIED;
    }

    /**
     * Makes sure no one uses the existing database and, for a WAL database, empties its write-ahead log into the
     * file, so that replacing the file and removing the log loses nothing of anyone's.
     */
    void release() {
        try {
            if (Files.isRegularFile(path) && Files.size(path) > 0 && DatabaseFile.hasHeader(path)) {
                schemaEntries(true);
            } else {
                ProcessScan.requireUnused(path, written);
            }
        } catch (IOException e) {
            throw SqliteFailures.of(e, "looking at the restore target " + written);
        }
    }

    private long schemaEntries(boolean checkpoint) {
        ProcessScan.requireUnused(path, written);
        try {
            return ExclusiveAccess.schemaEntries(path, written, checkpoint);
        } catch (SQLiteException e) {
            SQLiteErrorCode primary = SQLiteErrorCode.getErrorCode(e.getResultCode().code & 0xFF);
            if (primary == SQLiteErrorCode.SQLITE_NOTADB || primary == SQLiteErrorCode.SQLITE_CORRUPT) {
                // a damaged database is still somebody's data: replacing it needs the user's say-so
                return Long.MAX_VALUE;
            }
            throw SqliteFailures.of(e, "looking at the restore target " + written, written);
        } catch (SQLException e) {
            throw SqliteFailures.of(e, "looking at the restore target " + written, written);
        }
    }
}
