package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.error.OperationInterruptedException;
import dev.lifeboat.domain.spi.RowHashSum;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.TableFingerprint;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.ProgressUnit;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fingerprints one unchanging snapshot with several workers: a database file that nothing changes (a snapshot, a
 * restored copy not yet in place), or a live file proven to be the snapshot of the read transaction that the
 * connections share ({@link PinnedSnapshot}).
 *
 * <p>The rows are read from the file's pages, not through SQLite: walking the b-trees and decoding every value
 * through SQLite's statements and the driver's per-value calls costs far more than hashing. Each table's interior
 * pages are walked first ({@link TableTree}); its leaf pages are then shared out among the workers, each decoding
 * records into the same canonical rows {@link TableHasher} reads through SQLite ({@link LeafDecoder}), so the
 * fingerprint is the same whichever reads it. What the page reader does not decode exactly as SQLite does (a UTF-16
 * database, a WITHOUT ROWID table, VIRTUAL generated columns, records older than an ALTER TABLE ADD COLUMN, anything
 * odd in a page) is detected, never guessed: that table, or the whole database, is read through SQLite by {@link
 * TableHasher}, big tables cut into rowid ranges. Row order never matters: the sums of the slices are added.
 *
 * <p>Just over 300 lines on purpose: the plan (which tables from pages, the slices) and the workers share one set of
 * work types, and a worker that finds a table odd re-plans it through SQLite in the middle of the run; split apart,
 * that hand-off from pages to SQLite, which decides whose sum counts for a table, would be read across two files.
 */
final class FileFingerprinter {

    /** How many workers, each with its own connection and descriptor, the work is shared among. */
    static final int WORKERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private static final int SLICES_PER_WORKER = 4;
    private static final long MIN_ROWIDS_PER_SLICE = 50_000;
    private static final int LEAVES_PER_SLICE = 256;

    private FileFingerprinter() {
    }

    /** Where the rows are read from. */
    enum RowSource {
        /** The file's pages, by the page reader; SQLite for what it does not decode. */
        PAGES,
        /** SQLite's statements, for every table: independent of the page reader, and slower. */
        SQLITE
    }

    /** One piece of work for a worker. */
    private sealed interface Work permits PageSlice, RowidSlice {
        SchemaEntry table();
    }

    /** Leaf pages {@code from} (included) to {@code to} (excluded) of a table, decoded from the file. */
    private record PageSlice(TableLayout layout, int[] leaves, int from, int to) implements Work {
        @Override
        public SchemaEntry table() {
            return layout.table();
        }
    }

    /** One table, or one range of its rowids, read through SQLite. */
    private record RowidSlice(SchemaEntry table, Optional<TableHasher.RowidRange> rowids) implements Work {
    }

    /**
     * A fingerprint and how it was read.
     *
     * @param fingerprint  the fingerprint
     * @param throughSqlite the tables read through SQLite instead of from the pages, each with the reason
     */
    record Reading(Fingerprint fingerprint, Map<String, String> throughSqlite) {
    }

    /** Fingerprints a file that nothing changes, through immutable connections and descriptors of its own. */
    static Fingerprint fingerprint(Path file, RowSource source, Progress progress, String activity)
            throws SQLException {
        return read(file, source, WORKERS, progress, activity).fingerprint();
    }

    /**
     * {@link #fingerprint(Path, RowSource, Progress, String)} with fewer workers: one core is left to work that runs
     * beside it (SQLite's integrity check, one thread's work, after a restore).
     */
    static Fingerprint fingerprintBesideOneThread(Path file, RowSource source, Progress progress, String activity)
            throws SQLException {
        return read(file, source, Math.max(1, WORKERS - 1), progress, activity).fingerprint();
    }

    /** {@link #fingerprint(Path, RowSource, Progress, String)}, saying which tables were read through SQLite. */
    static Reading read(Path file, RowSource source, Progress progress, String activity) throws SQLException {
        return read(file, source, WORKERS, progress, activity);
    }

    private static Reading read(Path file, RowSource source, int workers, Progress progress, String activity)
            throws SQLException {
        List<Connection> readers = new ArrayList<>();
        Reading reading;
        try (PageFiles files = openPages(file, workers)) {
            for (int i = 0; i < workers; i++) {
                readers.add(DatabaseFileConnections.immutable(file));
            }
            reading = read(readers, files, source, progress, activity);
        } catch (SQLException | RuntimeException | Error e) {
            DatabaseFileConnections.closeAfterFailure(readers, e);
            throw e;
        }
        DatabaseFileConnections.closeAll(readers);
        return reading;
    }

    /**
     * Fingerprints what the readers see, which must be one snapshot, and which the files must hold page for page;
     * the first reader also plans the work. The connections and files are used from other threads, one worker each,
     * and are left open.
     */
    static Fingerprint fingerprint(List<Connection> readers, PageFiles files, Progress progress, String activity)
            throws SQLException {
        return read(readers, files, RowSource.PAGES, progress, activity).fingerprint();
    }

    private static Reading read(List<Connection> readers, PageFiles files, RowSource source, Progress progress,
                                String activity) throws SQLException {
        Connection planning = readers.get(0);
        Schema schema = Schema.read(planning);
        DatabaseFacts facts = DatabaseFacts.read(planning);
        Map<String, String> throughSqlite = new ConcurrentHashMap<>();
        List<Work> work = plan(planning, schema, facts, files, source, throughSqlite);
        Map<String, RowHashSum> fromPages = new HashMap<>();
        Map<String, RowHashSum> fromSqlite = new HashMap<>();
        try (Progress.Task task = progress.start(activity, work.size(), ProgressUnit.ITEMS)) {
            for (Sums partial : inParallel(readers, files, facts, work, throughSqlite, task)) {
                partial.fromPages().forEach((table, sum) -> fromPages.computeIfAbsent(table, name -> new RowHashSum())
                        .merge(sum));
                partial.fromSqlite().forEach((table, sum) -> fromSqlite.computeIfAbsent(table,
                        name -> new RowHashSum()).merge(sum));
            }
        }
        Map<String, TableFingerprint> tables = new TreeMap<>();
        for (SchemaEntry table : schema.dataTables()) {
            Map<String, RowHashSum> sums = throughSqlite.containsKey(table.name()) ? fromSqlite : fromPages;
            tables.put(table.name(), sums.getOrDefault(table.name(), new RowHashSum()).result());
        }
        Fingerprint fingerprint = Fingerprint.of(Fingerprinter.ALGORITHM, schema.hash(), facts.schemaVersion(),
                tables);
        return new Reading(fingerprint, new TreeMap<>(throughSqlite));
    }

    private static PageFiles openPages(Path file, int workers) throws SQLException {
        try {
            return PageFiles.open(file, workers);
        } catch (IOException e) {
            throw SqliteFailures.of(e, "opening " + file);
        }
    }

    // which tables are read from their pages, and the slices of work
    private static List<Work> plan(Connection planning, Schema schema, DatabaseFacts facts, PageFiles files,
                                   RowSource source, Map<String, String> throughSqlite) throws SQLException {
        List<Work> work = new ArrayList<>();
        TableHasher hasher = new TableHasher(planning, facts.isUtf8());
        Optional<PageReader> reader = Optional.empty();
        try {
            if (source == RowSource.SQLITE) {
                throw new PageFormatException("asked to read through SQLite");
            }
            reader = Optional.of(new PageReader(files.file(0), DatabaseHeader.read(files.file(0), facts)));
        } catch (PageFormatException e) {
            schema.dataTables().forEach(table -> throughSqlite.put(table.name(), e.getMessage()));
        } catch (IOException e) {
            throw SqliteFailures.of(e, "reading the database header");
        }
        Map<String, Long> roots = reader.isPresent() ? rootPages(planning) : Map.of();
        BitSet visited = new BitSet();
        for (SchemaEntry table : schema.dataTables()) {
            if (reader.isPresent()) {
                try {
                    TableLayout layout = TableLayout.read(planning, table, roots.getOrDefault(table.name(), 0L));
                    int[] leaves = TableTree.leaves(reader.get(), layout.rootPage(), visited);
                    for (int from = 0; from < leaves.length; from += LEAVES_PER_SLICE) {
                        work.add(new PageSlice(layout, leaves, from, Math.min(leaves.length, from + LEAVES_PER_SLICE)));
                    }
                    continue;
                } catch (PageFormatException e) {
                    throughSqlite.put(table.name(), e.getMessage());
                } catch (IOException e) {
                    throw SqliteFailures.of(e, "reading the pages of table " + table.name());
                }
            }
            work.addAll(rowidSlices(table, hasher.span(table)));
        }
        return work;
    }

    private static Map<String, Long> rootPages(Connection planning) throws SQLException {
        Map<String, Long> roots = new HashMap<>();
        try (Statement statement = planning.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name, rootpage FROM sqlite_schema WHERE type = 'table'")) {
            while (rows.next()) {
                roots.put(rows.getString(1), rows.getLong(2));
            }
        }
        return roots;
    }

    private static List<RowidSlice> rowidSlices(SchemaEntry table, Optional<TableHasher.RowidRange> span) {
        if (span.isEmpty()) {
            return List.of(new RowidSlice(table, Optional.empty()));
        }
        long first = span.get().first();
        long last = span.get().last();
        long width;
        try {
            width = Math.subtractExact(last, first);
        } catch (ArithmeticException e) {
            // rowids spread over the whole 64-bit range: rare enough to read in one go
            return List.of(new RowidSlice(table, Optional.empty()));
        }
        long count = Math.min(WORKERS * SLICES_PER_WORKER, width / MIN_ROWIDS_PER_SLICE + 1);
        if (count <= 1) {
            return List.of(new RowidSlice(table, Optional.empty()));
        }
        long step = width / count;
        List<RowidSlice> slices = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            long from = first + i * step;
            long to = i == count - 1 ? last : from + step - 1;
            slices.add(new RowidSlice(table, Optional.of(new TableHasher.RowidRange(from, to))));
        }
        return slices;
    }

    /** What one worker summed, by table: from pages, and through SQLite. */
    private record Sums(Map<String, RowHashSum> fromPages, Map<String, RowHashSum> fromSqlite) {
    }

    private static List<Sums> inParallel(List<Connection> readers, PageFiles files, DatabaseFacts facts,
                                         List<Work> work, Map<String, String> throughSqlite, Progress.Task task)
            throws SQLException {
        Queue<Work> queue = new ConcurrentLinkedQueue<>(work);
        AtomicLong done = new AtomicLong();
        long total = work.size();
        List<BackgroundTask<Sums>> workers = new ArrayList<>();
        int count = Math.min(Math.min(readers.size(), files.count()), Math.max(1, work.size()));
        for (int i = 0; i < count; i++) {
            Connection connection = readers.get(i);
            Optional<LeafDecoder> decoder = decoder(files, i, facts);
            workers.add(BackgroundTask.start("lifeboat-sqlite-fingerprint-" + i, () -> {
                Sums sums = new Sums(new HashMap<>(), new HashMap<>());
                TableHasher hasher = new TableHasher(connection, facts.isUtf8());
                for (Work next = queue.poll(); next != null; next = queue.poll()) {
                    String table = next.table().name();
                    if (next instanceof PageSlice slice) {
                        if (!throughSqlite.containsKey(table)) {
                            Optional<String> odd = decode(decoder.orElseThrow(), slice,
                                    sums.fromPages().computeIfAbsent(table, name -> new RowHashSum()));
                            // the first worker to find the table odd hands it to SQLite, whole
                            if (odd.isPresent() && throughSqlite.putIfAbsent(table, odd.get()) == null) {
                                queue.addAll(rowidSlices(next.table(), hasher.span(next.table())));
                            }
                        }
                    } else if (next instanceof RowidSlice slice) {
                        sums.fromSqlite().computeIfAbsent(table, name -> new RowHashSum())
                                .merge(hasher.sum(slice.table(), slice.rowids()));
                    }
                    task.update(Math.min(total, done.incrementAndGet()));
                }
                return sums;
            }));
        }
        List<Sums> results = new ArrayList<>();
        try {
            for (BackgroundTask<Sums> worker : workers) {
                results.add(worker.join());
            }
        } catch (SQLException | RuntimeException | Error e) {
            workers.forEach(BackgroundTask::cancel);
            throw e;
        }
        return results;
    }

    private static Optional<LeafDecoder> decoder(PageFiles files, int worker, DatabaseFacts facts)
            throws SQLException {
        try {
            return Optional.of(new LeafDecoder(new PageReader(files.file(worker),
                    DatabaseHeader.read(files.file(worker), facts))));
        } catch (PageFormatException e) {
            // then every table is read through SQLite, and no page slice is planned
            return Optional.empty();
        } catch (IOException e) {
            throw SqliteFailures.of(e, "reading the database header");
        }
    }

    // sums a slice of leaves, or says what was odd about them
    private static Optional<String> decode(LeafDecoder decoder, PageSlice slice, RowHashSum sum) {
        try {
            if (Thread.currentThread().isInterrupted()) {
                throw new OperationInterruptedException("fingerprinting table " + slice.table().name()
                        + " was interrupted");
            }
            decoder.sum(slice.layout(), slice.leaves(), slice.from(), slice.to(), sum);
            return Optional.empty();
        } catch (PageFormatException e) {
            return Optional.of(e.getMessage());
        } catch (IOException e) {
            throw SqliteFailures.of(e, "reading the pages of table " + slice.table().name());
        }
    }
}
