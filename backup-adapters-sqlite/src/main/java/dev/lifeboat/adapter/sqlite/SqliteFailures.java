package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.error.InsufficientSpaceException;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.error.OperationInterruptedException;
import dev.lifeboat.domain.error.UnavailableException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Turns the driver's and the file system's exceptions into lifeboat's, with words a user can act on. */
final class SqliteFailures {

    private SqliteFailures() {
    }

    /**
     * A SQLite failure.
     *
     * @param doing what was being done, such as "reading /srv/app.db"
     * @param file  the database the failure is about, for the message
     */
    static LifeboatException of(SQLException e, String doing, Object file) {
        String detail = e.getMessage();
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof LinkageError || cause instanceof org.sqlite.NativeLibraryNotFoundException) {
                return new UnavailableException(doing + " failed: cannot load SQLite's native library; it is unpacked"
                        + " into the temporary directory (" + System.getProperty("java.io.tmpdir") + "), which must"
                        + " have room and allow running programs", e);
            }
        }
        if (e instanceof SQLiteException sqlite
                && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_READONLY_ROLLBACK) {
            return new UnavailableException(doing + " failed: a hot rollback journal is beside " + file + " (a writer "
                    + "stopped in the middle of a transaction), and only a connection that may write rolls it back; "
                    + "lifeboat reads the database without writing. Open it once with the application or sqlite3 "
                    + "(sqlite3 FILE 'PRAGMA user_version'), which rolls the journal back, then run again", e);
        }
        return switch (primaryCode(e)) {
            case SQLITE_BUSY, SQLITE_LOCKED -> new LockedException(doing + " failed: " + file
                    + " is locked by another connection; retry when it is free (" + detail + ")", e);
            case SQLITE_NOTADB, SQLITE_CORRUPT -> new UnavailableException(doing + " failed: " + file
                    + " is not a database or is corrupt (" + detail + ")", e);
            case SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_AUTH, SQLITE_READONLY -> new UnavailableException(doing
                    + " failed: cannot open " + file + "; check that it exists and that you may read and write where"
                    + " it is (" + detail + ")", e);
            case SQLITE_FULL -> InsufficientSpaceException.whileWriting(doing + " failed: the disk is full ("
                    + detail + ")", e);
            case SQLITE_INTERRUPT -> new OperationInterruptedException(doing + " was interrupted", e);
            default -> new UnavailableException(doing + " failed: " + detail, e);
        };
    }

    /** A SQLite result code returned rather than thrown, as the backup API does. */
    static LifeboatException ofResultCode(int resultCode, String doing, Object file) {
        SQLiteErrorCode code = SQLiteErrorCode.getErrorCode(resultCode);
        return of(new SQLiteException(code.message + " (result code " + resultCode + ")", code), doing, file);
    }

    /** A file system failure. */
    static LifeboatException of(IOException e, String doing) {
        String detail = e.getMessage();
        if (e instanceof NoSuchFileException) {
            return new UnavailableException(doing + " failed: no such file or directory: " + detail, e);
        }
        if (e instanceof AccessDeniedException) {
            return new UnavailableException(doing + " failed: permission denied: " + detail, e);
        }
        if (InsufficientSpaceException.indicatesFullDisk(e)) {
            return InsufficientSpaceException.whileWriting(doing + " failed: the disk is full (" + detail + ")", e);
        }
        return new UnavailableException(doing + " failed: " + detail, e);
    }

    private static SQLiteErrorCode primaryCode(SQLException e) {
        int code = e instanceof SQLiteException sqlite ? sqlite.getResultCode().code : e.getErrorCode();
        return SQLiteErrorCode.getErrorCode(code & 0xFF);
    }
}
