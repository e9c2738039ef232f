package dev.lifeboat.adapter.sqlite;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Opens connections to database files. None of them creates a file: a missing file fails to open instead of
 * becoming an empty database.
 */
final class DatabaseFileConnections {

    /** How long a connection to a live database waits for another connection's lock before giving up. */
    static final int LIVE_BUSY_TIMEOUT_MS = 30_000;

    private DatabaseFileConnections() {
    }

    /** A live database, read-only, waiting for writers' locks rather than failing at once. */
    static Connection readOnly(Path file) throws SQLException {
        return readOnly(file, LIVE_BUSY_TIMEOUT_MS);
    }

    /** A live database, read-only, failing at once with {@code SQLITE_BUSY} while another connection writes it. */
    static Connection readOnlyNoWait(Path file) throws SQLException {
        return readOnly(file, 0);
    }

    /**
     * A file nothing else changes (a snapshot, a restored copy not yet in place), read-only. {@code immutable=1}
     * makes SQLite skip locking and never create {@code -wal} or {@code -shm} files beside it, even for a file whose
     * header says WAL; it also ignores a {@code -wal} file, so the main file must hold all of the data.
     */
    static Connection immutable(Path file) throws SQLException {
        SQLiteConfig config = baseConfig();
        config.setReadOnly(true);
        return open(file, "?immutable=1", config);
    }

    /**
     * A database about to be replaced, read-write, in exclusive locking mode, never waiting. In exclusive mode a WAL
     * database needs the file's exclusive lock (and keeps its log index in memory, so no {@code -shm} is used),
     * which fails while any other connection (in any process) has it open; a rollback-journal database needs it from
     * {@code BEGIN EXCLUSIVE}. Either way the lock is then kept until the connection closes.
     */
    static Connection exclusive(Path file) throws SQLException {
        SQLiteConfig config = baseConfig();
        config.setBusyTimeout(0);
        config.setLockingMode(SQLiteConfig.LockingMode.EXCLUSIVE);
        return open(file, "", config);
    }

    /** Closes every connection, also when one fails to close; the first failure is thrown, the others added to it. */
    static void closeAll(List<Connection> connections) throws SQLException {
        SQLException failure = null;
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes every connection on the way out of a failure, which stays the thing reported. */
    static void closeAfterFailure(List<Connection> connections, Throwable failure) {
        try {
            closeAll(connections);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static Connection readOnly(Path file, int busyTimeoutMs) throws SQLException {
        SQLiteConfig config = baseConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(busyTimeoutMs);
        return open(file, "", config);
    }

    private static SQLiteConfig baseConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.setOpenMode(SQLiteOpenMode.OPEN_URI);
        config.resetOpenMode(SQLiteOpenMode.CREATE);
        return config;
    }

    private static Connection open(Path file, String parameters, SQLiteConfig config) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:file:" + uriPath(file) + parameters, config.toProperties());
    }

    // a URI, so that '?', '#' and '%' in a file name stay part of the name
    private static String uriPath(Path file) {
        StringBuilder uri = new StringBuilder();
        for (byte b : file.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "/._~-".indexOf(c) >= 0) {
                uri.append((char) c);
            } else {
                uri.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            }
        }
        return uri.toString();
    }
}
