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
 * Fingerprints a database file that nothing changes (a snapshot, a restored copy not yet in place) with several
 * workers, each on its own connection. Reading values out of SQLite costs far more than hashing them, so this is
 * where the cores help; big tables are cut into rowid ranges whose sums are merged (row order never matters).
 * A live database cannot be shared out like this: its connections could see different moments.
 */
final class FileFingerprinter {

    private static final int WORKERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private static final int SLICES_PER_WORKER = 4;
    private static final long MIN_ROWIDS_PER_SLICE = 50_000;

    private FileFingerprinter() {
    }

    /** One table, or one range of its rowids. */
    private record Slice(SchemaEntry table, Optional<TableHasher.RowidRange> rowids) {
    }

    static Fingerprint fingerprint(Path file, Progress progress, String activity) throws SQLException {
        try (Connection connection = Connections.immutable(file)) {
            Schema schema = Schema.read(connection);
            DatabaseFacts facts = DatabaseFacts.read(connection);
            List<Slice> slices = new ArrayList<>();
            TableHasher planner = new TableHasher(connection, facts.isUtf8());
            for (SchemaEntry table : schema.dataTables()) {
                slices.addAll(slices(table, planner.span(table)));
            }
            Map<String, RowHashSum> sums = new TreeMap<>();
            schema.dataTables().forEach(table -> sums.put(table.name(), new RowHashSum()));
            try (Progress.Task task = progress.start(activity, slices.size(), ProgressUnit.ITEMS)) {
                for (Map<String, RowHashSum> partial : hashInParallel(file, facts.isUtf8(), slices, task)) {
                    partial.forEach((table, sum) -> sums.get(table).merge(sum));
                }
            }
            Map<String, TableFingerprint> tables = new TreeMap<>();
            sums.forEach((table, sum) -> tables.put(table, sum.result()));
            return Fingerprint.of(Fingerprinter.ALGORITHM, schema.hash(), facts.schemaVersion(), tables);
        }
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

    private static List<Map<String, RowHashSum>> hashInParallel(Path file, boolean utf8, List<Slice> slices,
                                                               Progress.Task task) throws SQLException {
        Queue<Slice> queue = new ConcurrentLinkedQueue<>(slices);
        AtomicLong done = new AtomicLong();
        List<BackgroundTask<Map<String, RowHashSum>>> workers = new ArrayList<>();
        for (int i = 0; i < Math.min(WORKERS, slices.size()); i++) {
            workers.add(BackgroundTask.start("lifeboat-sqlite-fingerprint-" + i, () -> {
                Map<String, RowHashSum> sums = new HashMap<>();
                try (Connection connection = Connections.immutable(file)) {
                    TableHasher hasher = new TableHasher(connection, utf8);
                    for (Slice slice = queue.poll(); slice != null; slice = queue.poll()) {
                        RowHashSum sum = hasher.sum(slice.table(), slice.rowids());
                        sums.computeIfAbsent(slice.table().name(), name -> new RowHashSum()).merge(sum);
                        task.update(done.incrementAndGet());
                    }
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
