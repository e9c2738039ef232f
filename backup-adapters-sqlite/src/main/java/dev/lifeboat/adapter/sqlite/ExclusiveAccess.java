package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.spi.Progress;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * A database's exclusive lock, held from the moment its content is checked until a new file has been renamed over
 * it, so that nothing written in between can be lost. Taking the lock proves that no other connection is using the
 * database: in WAL mode every open connection holds a shared lock on the file, and in rollback-journal mode every
 * connection inside a transaction does. It sees connections of this process and of others, on any platform, but not
 * an idle rollback-journal connection (that one holds no lock), which {@link ProcessScan} finds on Linux.
 *
 * <p>While the lock is held, no other descriptor of the database file may be closed: closing any descriptor of a
 * file drops all of this process's POSIX locks on it, SQLite's included. So only the file's attributes are read, and
 * the one descriptor opened here (to fence off the replaced file) is closed after the connection. Other connections
 * wait for the lock (or fail with "database is locked") while the content is checked, which reads every row once.
 *
 * <p>What happens to the old file when it is replaced ({@link #replaceWith}):
 * <ul>
 * <li>WAL mode: the log is checkpointed into the file, then the connection leaves WAL mode (for the in-memory
 * journal), which deletes the log. After the rename SQLite never touches a file beside the database by its name
 * again, so it cannot remove or read the new database's log. The old file is left in rollback-journal mode, which
 * matters only if the rename fails, and then WAL mode is restored; a shutdown (Ctrl-C, SIGTERM) waits for one or the
 * other ({@link SwapSection}).</li>
 * <li>Rollback-journal mode: the transaction wrote nothing, so no journal exists; leftover {@code -shm} and
 * {@code -journal} files are removed before the rename, while no one can use them.</li>
 * </ul>
 *
 * <p>The window that remains: a process that opens the file after the last look at {@code /proc} (just before the
 * rename) and waits for the lock, or one that {@code /proc} does not show (another user's process when lifeboat is
 * not root, or any process where there is no {@code /proc}), is left holding the replaced file. SQLite would let it
 * carry on there once the lock is released: its writes would go to a file that no longer has a name, and its
 * journal would be created beside the new database. So before the lock is released, the replaced file's header is
 * overwritten: such a process gets "file is not a database" on its next statement instead of writing anything, and
 * the warnings name every such process that {@code /proc} shows. The replaced file's data is not lost by this: it is
 * exactly what the caller checked (the safety backup holds it). A file with another hard link is not touched, as
 * that name still reaches it.
 *
 * <p>The lock is on a file, not on its name: another process can rename a file over the database's name while the
 * lock is held, and the rename would then replace that file, never checked nor backed up. So the file the name
 * reaches is compared with the locked one (by the file system's identity, device and inode) when the lock is taken,
 * and again before anything is changed and just before the rename; a file swapped in is left as it is and the restore
 * refuses. What remains is the instant between that last look and the rename.
 */
final class ExclusiveAccess implements AutoCloseable {

    // the header holds the magic string and the change counter: inverting both makes every reader reject the file
    private static final int HEADER_BYTES = 100;

    private final Path database;
    private final String written;
    private final Connection connection;
    private final Statement statement;
    private final boolean wal;
    private final Optional<Object> lockedFile;
    private boolean inTransaction = true;
    private boolean leftWal;
    private Optional<FileChannel> replacedFile = Optional.empty();

    private ExclusiveAccess(Path database, String written, Connection connection, Statement statement, boolean wal,
                            Optional<Object> lockedFile) {
        this.database = database;
        this.written = written;
        this.connection = connection;
        this.statement = statement;
        this.wal = wal;
        this.lockedFile = lockedFile;
    }

    /**
     * Takes the lock, or fails at once.
     *
     * @throws LockedException when another connection or process is using the database
     * @throws SQLException    when it is not a database or cannot be opened
     */
    static ExclusiveAccess take(Path database, String written) throws SQLException, IOException {
        ProcessScan.requireUnused(database, written);
        boolean emptyFile = Files.size(database) == 0;
        Optional<Object> opened = fileKey(database);
        Connection connection = DatabaseFileConnections.exclusive(database);
        try {
            Statement statement = connection.createStatement();
            if (emptyFile) {
                // an exclusive transaction on an empty file sets up a first page, and the journal for it would be
                // left behind; a journal in memory leaves nothing (an empty file has no mode of its own to keep)
                statement.execute("PRAGMA journal_mode = MEMORY");
            }
            statement.execute("BEGIN EXCLUSIVE");
            // the first read takes the lock of a WAL database and rolls back a crashed writer's journal
            count(statement);
            ExclusiveAccess access = new ExclusiveAccess(database, written, connection, statement,
                    text(statement, "PRAGMA journal_mode").equalsIgnoreCase("wal"), opened);
            // the name reached one file when it was opened: it must reach that file still, now that it is locked
            access.requireLockedFile();
            return access;
        } catch (SQLException | IOException | RuntimeException | Error e) {
            closeAfterFailure(connection, e);
            if (e instanceof SQLiteException sqlite && isBusy(sqlite)) {
                throw new LockedException(written + " is in use by another connection; close it and retry", e);
            }
            throw e;
        }
    }

    /** The number of entries in the schema: 0 for a database without tables, views or anything else. */
    long schemaEntries() throws SQLException {
        return count(statement);
    }

    /** The fingerprint of what the database holds now, with the log's newest pages. */
    Fingerprint fingerprint(Progress progress) throws SQLException {
        return Fingerprinter.fingerprint(connection, progress, "checking that " + written + " is unchanged");
    }

    /**
     * Renames a file over the database, still holding the lock, and fences off the replaced file.
     *
     * @return warnings about processes left holding the replaced file
     * @throws LockedException when a process opened the database since the lock was taken (nothing is replaced)
     */
    List<String> replaceWith(Path replacement) throws SQLException, IOException {
        rollback();
        if (wal) {
            checkpoint();
        }
        // a process that opened the file since the lock was taken is waiting for it now: it must not be left on
        // the replaced file. Checked after the checkpoint, which can take a while, and before anything is changed
        ProcessScan.requireUnused(database, written);
        requireLockedFile();
        // the name still reaches the locked file, so its identity is the one taken with the lock
        Object fileKey = lockedFile.orElse(null);
        boolean onlyName = linkCount(database) == 1;
        // from leaving WAL mode to the rename, or back in WAL mode: a shutdown waits for either end
        try (SwapSection.Held swap = SwapSection.RESTORES.enter()) {
            try {
                leaveWal();
                statement.execute("BEGIN EXCLUSIVE");
                inTransaction = true;
                count(statement);
                DatabaseFile.deleteCompanions(database);
                if (onlyName && fileKey != null) {
                    replacedFile = openForFencing();
                }
                requireLockedFile();
                Files.move(replacement, database, StandardCopyOption.ATOMIC_MOVE);
            } catch (SQLException | IOException | RuntimeException | Error e) {
                returnToWal(e);
                throw e;
            }
        }
        List<String> warnings = new ArrayList<>();
        boolean fenced = replacedFile.map(this::fence).orElse(false);
        if (fileKey != null) {
            for (String holder : ProcessScan.holdersOf(database, fileKey)) {
                warnings.add(holder + " had the replaced database open" + (fenced
                        ? "; it gets 'file is not a database' errors until it opens " + written + " again"
                        : " and still sees the old data; what it writes there is lost: restart it"));
            }
        }
        return warnings;
    }

    /**
     * Fails when the database's name no longer reaches the file that was locked (another file was renamed over it).
     * Where the file system gives files no identity, there is nothing to compare.
     *
     * @throws LockedException when it reaches another file, or none
     */
    private void requireLockedFile() throws IOException {
        if (lockedFile.isEmpty()) {
            return;
        }
        Optional<Object> now;
        try {
            now = fileKey(database);
        } catch (NoSuchFileException e) {
            now = Optional.empty();
        }
        if (!lockedFile.equals(now)) {
            throw new LockedException(written + " was replaced by another file (renamed or moved over it), or moved "
                    + "away, while the restore held its lock; nothing was replaced and what is there now was left as "
                    + "it is: find what swaps the file, and restore again");
        }
    }

    private static Optional<Object> fileKey(Path file) throws IOException {
        return Optional.ofNullable(Files.readAttributes(file, BasicFileAttributes.class).fileKey());
    }

    /** Releases the lock. */
    @Override
    public void close() {
        // the connection first, while the fencing descriptor still exists: closing that one drops the process's
        // locks on the file, and the connection's own close may still need its lock (a WAL checkpoint)
        try {
            connection.close();
        } catch (SQLException e) {
            // closing ends a transaction that wrote nothing; whatever fails here leaves the data as it is
        }
        replacedFile.ifPresent(file -> {
            try {
                file.close();
            } catch (IOException e) {
                // a descriptor opened only to write a header: nothing is lost with it
            }
        });
    }

    // moves every page of the log into the file and empties the log, so that leaving WAL mode is quick
    private void checkpoint() throws SQLException {
        try (ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            // one row (busy, log frames, checkpointed frames); busy is 1 when a reader kept it from finishing
            if (result.next() && result.getInt(1) != 0) {
                throw new LockedException(written + " is in use by another connection that keeps its write-ahead"
                        + " log from being checkpointed; close it and retry");
            }
        }
    }

    private void leaveWal() throws SQLException {
        // set first: however far the switch got, a failure tries to return to WAL (a no-op if it never left)
        leftWal = wal;
        String mode = text(statement, "PRAGMA journal_mode = MEMORY");
        if (!mode.equalsIgnoreCase("memory")) {
            throw new LockedException(written + " could not be prepared for replacement (its journal mode stayed "
                    + mode + "); close every connection to it and retry");
        }
    }

    private void returnToWal(Throwable failure) {
        if (!leftWal) {
            return;
        }
        try {
            rollback();
            text(statement, "PRAGMA journal_mode = WAL");
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    // the journal mode can change only outside a transaction; the lock stays either way (exclusive locking mode)
    private void rollback() throws SQLException {
        if (inTransaction) {
            statement.execute("ROLLBACK");
            inTransaction = false;
        }
    }

    private Optional<FileChannel> openForFencing() {
        try {
            return Optional.of(FileChannel.open(database, StandardOpenOption.READ, StandardOpenOption.WRITE));
        } catch (IOException e) {
            // without it the replaced file keeps its header; the warnings still name who holds it
            return Optional.empty();
        }
    }

    private boolean fence(FileChannel old) {
        try {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            while (header.hasRemaining() && old.read(header, header.position()) >= 0) {
                // read until the header is full or the file ends (an empty file reads as zeros)
            }
            byte[] bytes = header.array();
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) ~bytes[i];
            }
            ByteBuffer inverted = ByteBuffer.wrap(bytes);
            while (inverted.hasRemaining()) {
                old.write(inverted, inverted.position());
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // how many names the file has; 0 when the platform cannot tell, which leaves it alone
    private static int linkCount(Path file) {
        try {
            return ((Number) Files.getAttribute(file, "unix:nlink")).intValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 0;
        }
    }

    private static long count(Statement statement) throws SQLException {
        try (ResultSet count = statement.executeQuery("SELECT count(*) FROM sqlite_schema")) {
            count.next();
            return count.getLong(1);
        }
    }

    private static String text(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : "";
        }
    }

    private static void closeAfterFailure(Connection connection, Throwable failure) {
        try {
            connection.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static boolean isBusy(SQLiteException e) {
        int primary = e.getResultCode().code & 0xFF;
        return primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code;
    }
}
