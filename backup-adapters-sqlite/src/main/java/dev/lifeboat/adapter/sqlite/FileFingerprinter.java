package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.fingerprint.RowHashSum;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.TableFingerprint;
import dev.lifeboat.domain.port.out.Progress;
import dev.lifeboat.domain.port.out.ProgressUnit;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fingerprints one unchanging snapshot with several workers, each on its own connection: a database file that
 * nothing changes (a snapshot, a restored copy not yet in place), or connections to a live database that are proven
 * to share one read transaction's snapshot ({@link PinnedSnapshot}). Reading values out of SQLite costs far more than
 * hashing them, so this is where the cores help; big tables are cut into rowid ranges whose sums are merged (row
 * order never matters). Connections to a live database that merely happen to be open cannot be shared out like
 * this: they could see different moments.
 */
final class FileFingerprinter {

    /** How many connections the work is shared among. */
    static final int WORKERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private static final int SLICES_PER_WORKER = 4;
    private static final long MIN_ROWIDS_PER_SLICE = 50_000;

    private FileFingerprinter() {
    }

    /** One table, or one range of its rowids. */
    private record Slice(SchemaEntry table, Optional<TableHasher.RowidRange> rowids) {
    }

    /** Fingerprints a file that nothing changes, through immutable connections. */
    static Fingerprint fingerprint(Path file, Progress progress, String activity) throws SQLException {
        List<Connection> readers = new ArrayList<>();
        Fingerprint fingerprint;
        try {
            for (int i = 0; i < WORKERS; i++) {
                readers.add(Connections.immutable(file));
            }
            fingerprint = fingerprint(readers, progress, activity);
        } catch (SQLException | RuntimeException | Error e) {
            Connections.closeAfterFailure(readers, e);
            throw e;
        }
        Connections.closeAll(readers);
        return fingerprint;
    }

    /**
     * Fingerprints what the readers see, which must be one snapshot; the first reader also plans the work. The
     * connections are used from other threads, one at a time, and are left open.
     */
    static Fingerprint fingerprint(List<Connection> readers, Progress progress, String activity)
            throws SQLException {
        Connection planning = readers.get(0);
        Schema schema = Schema.read(planning);
        DatabaseFacts facts = DatabaseFacts.read(planning);
        List<Slice> slices = new ArrayList<>();
        TableHasher planner = new TableHasher(planning, facts.isUtf8());
        for (SchemaEntry table : schema.dataTables()) {
            slices.addAll(slices(table, planner.span(table)));
        }
        Map<String, RowHashSum> sums = new TreeMap<>();
        schema.dataTables().forEach(table -> sums.put(table.name(), new RowHashSum()));
        try (Progress.Task task = progress.start(activity, slices.size(), ProgressUnit.ITEMS)) {
            for (Map<String, RowHashSum> partial : hashInParallel(readers, facts.isUtf8(), slices, task)) {
                partial.forEach((table, sum) -> sums.get(table).merge(sum));
            }
        }
        Map<String, TableFingerprint> tables = new TreeMap<>();
        sums.forEach((table, sum) -> tables.put(table, sum.result()));
        return Fingerprint.of(Fingerprinter.ALGORITHM, schema.hash(), facts.schemaVersion(), tables);
    }

    private static List<Slice> slices(SchemaEntry table, Optional<TableHasher.RowidRange> span) {
        if (span.isEmpty()) {
            return List.of(new Slice(table, Optional.empty()));
        }
        long first = span.get().first();
        long last = span.get().last();
        long width;
        try {
            width = Math.subtractExact(last, first);
        } catch (ArithmeticException e) {
            // rowids spread over the whole 64-bit range: rare enough to read in one go
            return List.of(new Slice(table, Optional.empty()));
        }
        long count = Math.min(WORKERS * SLICES_PER_WORKER, width / MIN_ROWIDS_PER_SLICE + 1);
        if (count <= 1) {
            return List.of(new Slice(table, Optional.empty()));
        }
        long step = width / count;
        List<Slice> slices = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            long from = first + i * step;
            long to = i == count - 1 ? last : from + step - 1;
            slices.add(new Slice(table, Optional.of(new TableHasher.RowidRange(from, to))));
        }
        return slices;
    }

    private static List<Map<String, RowHashSum>> hashInParallel(List<Connection> readers, boolean utf8,
                                                               List<Slice> slices, Progress.Task task)
            throws SQLException {
        Queue<Slice> queue = new ConcurrentLinkedQueue<>(slices);
        AtomicLong done = new AtomicLong();
        List<BackgroundTask<Map<String, RowHashSum>>> workers = new ArrayList<>();
        for (int i = 0; i < Math.min(readers.size(), slices.size()); i++) {
            Connection connection = readers.get(i);
            workers.add(BackgroundTask.start("lifeboat-sqlite-fingerprint-" + i, () -> {
                Map<String, RowHashSum> sums = new HashMap<>();
                TableHasher hasher = new TableHasher(connection, utf8);
                for (Slice slice = queue.poll(); slice != null; slice = queue.poll()) {
                    RowHashSum sum = hasher.sum(slice.table(), slice.rowids());
                    sums.computeIfAbsent(slice.table().name(), name -> new RowHashSum()).merge(sum);
                    task.update(done.incrementAndGet());
                }
                return sums;
            }));
        }
        List<Map<String, RowHashSum>> results = new ArrayList<>();
        try {
            for (BackgroundTask<Map<String, RowHashSum>> worker : workers) {
                results.add(worker.join());
            }
        } catch (SQLException | RuntimeException | Error e) {
            workers.forEach(BackgroundTask::cancel);
            throw e;
        }
        return results;
    }
}
