package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.error.UnavailableException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A live database file that is itself the snapshot of a backup: while a read transaction is held, the file is proven
 * to hold exactly the pages that transaction sees, and it stays so until the transaction ends. More connections
 * proven to see the same snapshot join it, so that the fingerprint is computed in parallel while the file streams
 * into the archive. Whatever cannot be proven makes {@link #pin} return empty, and the backup copies the pages with
 * the online backup API instead. Nothing here writes to the database, its log or its index.
 *
 * <p>Why the file is the snapshot (the functions named are in SQLite's source):
 * <ul>
 * <li>Rollback-journal mode: the read transaction holds a SHARED lock on the file. A writer changes the file only
 * with the EXCLUSIVE lock, which it cannot get while any SHARED lock is held, so no transaction commits until ours
 * ends; a crashed writer's hot journal would have failed our read ({@code SQLITE_READONLY_ROLLBACK}, a read-only
 * connection does not roll back: sqlite3PagerSharedLock in pager.c). Readers that start later see the same data.
 * A writer waiting for its EXCLUSIVE lock holds PENDING, which turns new readers away: they are not waited for, the
 * fingerprint just has fewer of them.</li>
 * <li>WAL mode: a reader's snapshot is the log up to its last frame when it started, the rest read from the file.
 * While it reads, no checkpoint copies ("backfills") a frame past the reader's mark into the file, and none at all
 * while a reader reads the file alone (read-mark slot 0): walCheckpoint in wal.c needs the exclusive lock on every
 * slot below what it copies, and on slot 0. The log is not restarted under a reader of it either, and under a reader
 * of slot 0 only once every frame is backfilled (walRestartLog). So a commit after the reader started leaves the log
 * longer than what is backfilled for as long as the reader holds on. Seeing, after all readers have started, that
 * every frame in the log is backfilled ({@link WalCheckpointState}) thus proves three things: nothing committed
 * since the first reader started (all share its snapshot), the file holds every page of it, and nothing can be
 * copied into the file until the readers end. Frames still to backfill mean no proof: this reads, it never
 * checkpoints.</li>
 * </ul>
 *
 * <p>No descriptor of the database file may be closed while a connection to it is open: closing any descriptor of a
 * file drops every POSIX lock this process holds on it, SQLite's included (which is why SQLite defers closing its own:
 * unixClose in os_unix.c). Without its SHARED lock, another process closing the database would take the EXCLUSIVE
 * lock and checkpoint the whole log into the file under our feet. So the file is read through one descriptor, and
 * the fingerprint's page reader through its own ({@link #pages()}), all closed only after the last connection, and
 * nothing else here opens the file. They are {@link RandomAccessFile}s, not {@code FileChannel}s: a channel closes
 * itself when its thread is interrupted.
 *
 * <p>Over 300 lines on purpose, a seventh of them the reasoning above: taking the locks, proving the file, checking
 * it again and letting go in the right order are one argument about SQLite's locks and descriptors, and a split would
 * separate each step from the reasoning and the closing order that make it safe.
 */
final class PinnedSnapshot implements AutoCloseable {

    // holds the page size and the file change counter, which every commit in rollback-journal mode increments
    private static final int HEADER_BYTES = 100;
    private static final int PAGE_SIZE_OFFSET = 16;

    /** Moments a test can act at; the backup itself has nothing to do there. */
    interface Observer {

        Observer NONE = new Observer() {
        };

        /** All readers have started, and nothing is proven yet. */
        default void readersStarted() {
        }

        /** The file is proven to be the snapshot, and nothing of it has been read yet. */
        default void pinned() {
        }
    }

    private final Path database;
    private final RandomAccessFile file;
    private final PageFiles pages;
    private final List<Connection> readers;
    private final DatabaseFacts facts;
    private final String journalMode;
    private final Optional<WalCheckpointState> proof;
    private final byte[] header;

    private PinnedSnapshot(Path database, RandomAccessFile file, PageFiles pages, List<Connection> readers,
                           DatabaseFacts facts, String journalMode, Optional<WalCheckpointState> proof,
                           byte[] header) {
        this.database = database;
        this.file = file;
        this.pages = pages;
        this.readers = List.copyOf(readers);
        this.facts = facts;
        this.journalMode = journalMode;
        this.proof = proof;
        this.header = header;
    }

    /**
     * Starts a read transaction on the database and proves the file to be its snapshot.
     *
     * @param readerCount how many connections should share the snapshot, the first included
     * @return the pinned snapshot, or empty when the file cannot be proven to be one
     * @throws LifeboatException when the database cannot be read at all (it is locked, corrupt, ...)
     */
    static Optional<PinnedSnapshot> pin(Path database, int readerCount, Observer observer) {
        Optional<Object> fileKey = fileKey(database);
        if (fileKey.isEmpty()) {
            return Optional.empty();
        }
        RandomAccessFile file;
        PageFiles pages;
        try {
            file = new RandomAccessFile(database.toFile(), "r");
        } catch (IOException e) {
            // the backup API's path says what is wrong with the file
            return Optional.empty();
        }
        try {
            pages = PageFiles.open(database, readerCount);
        } catch (IOException e) {
            release(List.of(), file, Optional.empty());
            return Optional.empty();
        }
        List<Connection> readers = new ArrayList<>();
        Optional<PinnedSnapshot> pinned;
        try {
            pinned = pin(database, fileKey.get(), file, pages, readers, readerCount, observer);
        } catch (SQLException e) {
            LifeboatException failure = SqliteFailures.of(e, "reading " + database, database);
            release(readers, file, Optional.of(pages));
            throw failure;
        } catch (RuntimeException | Error e) {
            release(readers, file, Optional.of(pages));
            throw e;
        }
        if (pinned.isEmpty()) {
            release(readers, file, Optional.of(pages));
        }
        return pinned;
    }

    private static Optional<PinnedSnapshot> pin(Path database, Object fileKey, RandomAccessFile file,
                                                PageFiles pages, List<Connection> readers, int readerCount,
                                                Observer observer)
            throws SQLException {
        Connection first = DatabaseFileConnections.readOnly(database);
        readers.add(first);
        startReading(first);
        DatabaseFacts facts = DatabaseFacts.read(first);
        String journalMode = Describer.journalMode(first);
        while (readers.size() < readerCount) {
            Optional<Connection> reader = join(database);
            if (reader.isEmpty()) {
                break;
            }
            readers.add(reader.get());
        }
        observer.readersStarted();
        Optional<WalCheckpointState> proof = Optional.empty();
        if (journalMode.equals("wal")) {
            proof = walProof(database);
            if (proof.isEmpty()) {
                return Optional.empty();
            }
        }
        Optional<byte[]> header = header(file, facts);
        // the descriptor and every connection, the proof's too, opened the file the name held before and after:
        // the same file, unless another was renamed over it meanwhile
        if (header.isEmpty() || !fileKey(database).equals(Optional.of(fileKey))) {
            return Optional.empty();
        }
        PinnedSnapshot snapshot = new PinnedSnapshot(database, file, pages, readers, facts, journalMode, proof,
                header.get());
        observer.pinned();
        return Optional.of(snapshot);
    }

    /** The file to read, from its start; it must not be closed. */
    RandomAccessFile file() {
        return file;
    }

    /** Descriptors of the file for the fingerprint's page reader, one per reader; they must not be closed. */
    PageFiles pages() {
        return pages;
    }

    /** How many bytes of the file are the snapshot: its pages, as the read transaction counts them. */
    long bytes() {
        return facts.mainFileBytes();
    }

    /** DatabaseFileConnections that all see the snapshot; the first holds it and may be used for anything read-only. */
    List<Connection> readers() {
        return readers;
    }

    DatabaseFacts facts() {
        return facts;
    }

    /** {@code wal}, or {@code delete} for the rollback-journal modes. */
    String journalMode() {
        return journalMode;
    }

    /**
     * Checks, before the snapshot is let go, that the file did not change while it was read: its header (with the
     * change counter) is as it was, and in WAL mode no frame was backfilled since the proof. Neither can happen by
     * the reasoning above; this turns a flaw in it into a failed backup instead of an archive that is not the
     * snapshot it claims.
     */
    void requireUnchanged() {
        String doing = "checking that " + database + " did not change while it was read";
        boolean unchanged;
        try {
            unchanged = Arrays.equals(readHeader(file, header.length), header);
            if (unchanged && proof.isPresent()) {
                // a restart of the log sets the count back to 0, which leaves the file as it was
                Optional<WalCheckpointState> now = WalCheckpointState.read(database);
                unchanged = now.isPresent() && now.get().busy() == 0
                        && now.get().checkpointedFrames() <= proof.get().checkpointedFrames();
            }
        } catch (IOException e) {
            throw SqliteFailures.of(e, doing);
        } catch (SQLException e) {
            throw SqliteFailures.of(e, doing, database);
        }
        if (!unchanged) {
            throw new UnavailableException(database + " changed while it was being backed up, although its read"
                    + " transaction should have kept it as it was; nothing was archived; retry the backup");
        }
    }

    /** Ends the read transactions, then closes the file: in that order, for the locks' sake. */
    @Override
    public void close() {
        release(readers, file, Optional.of(pages));
    }

    // the first read inside a transaction takes the read lock and fixes the snapshot
    private static void startReading(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) FROM sqlite_schema")) {
            count.next();
        }
    }

    /** Another reader of the same moment, or empty when it would have to wait. */
    private static Optional<Connection> join(Path database) {
        Connection connection;
        try {
            connection = DatabaseFileConnections.readOnlyNoWait(database);
        } catch (SQLException e) {
            return Optional.empty();
        }
        try {
            startReading(connection);
            return Optional.of(connection);
        } catch (SQLException e) {
            // in rollback-journal mode a writer waiting to commit turns new readers away: go on with fewer
            closeAll(List.of(connection));
            return Optional.empty();
        }
    }

    /** The state of the log when it proves the file to be the snapshot; empty when it does not. */
    private static Optional<WalCheckpointState> walProof(Path database) {
        // a wal-index this process cannot write is used from private memory (or not shared reliably), where the
        // read marks above do not protect anything: leave that case to the backup API
        if (!Files.isWritable(DatabaseFile.companions(database).get(1))) {
            return Optional.empty();
        }
        try {
            return WalCheckpointState.read(database).filter(WalCheckpointState::fullyBackfilled);
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** The file's header, when the file holds all the snapshot's pages and has their size. */
    private static Optional<byte[]> header(RandomAccessFile file, DatabaseFacts facts) {
        try {
            if (facts.pageCount() < 1 || file.length() < facts.mainFileBytes()) {
                return Optional.empty();
            }
            byte[] header = readHeader(file, (int) Math.min(HEADER_BYTES, facts.mainFileBytes()));
            int pageSize = ((header[PAGE_SIZE_OFFSET] & 0xFF) << 8) | (header[PAGE_SIZE_OFFSET + 1] & 0xFF);
            // the two bytes say 1 for 65536, which does not fit in them
            long pageSizeInFile = pageSize == 1 ? 65_536 : pageSize;
            return pageSizeInFile == facts.pageSize() ? Optional.of(header) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static byte[] readHeader(RandomAccessFile file, int length) throws IOException {
        byte[] header = new byte[length];
        file.seek(0);
        file.readFully(header);
        return header;
    }

    // the file's identity (device and inode) through its name, without opening it
    private static Optional<Object> fileKey(Path database) {
        try {
            return Optional.ofNullable(Files.readAttributes(database, BasicFileAttributes.class).fileKey());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void release(List<Connection> readers, RandomAccessFile file, Optional<PageFiles> pages) {
        closeAll(readers);
        try {
            file.close();
        } catch (IOException e) {
            // a descriptor only read from: nothing is lost with it
        }
        pages.ifPresent(PageFiles::close);
    }

    private static void closeAll(List<Connection> readers) {
        try {
            DatabaseFileConnections.closeAll(readers);
        } catch (SQLException e) {
            // a read-only transaction ends with its connection; a failure to close loses nothing
        }
    }
}
