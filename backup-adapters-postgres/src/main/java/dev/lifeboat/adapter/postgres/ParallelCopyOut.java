package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.catalog.QualifiedName;
import dev.lifeboat.adapter.postgres.catalog.TableData;
import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.model.TableFingerprint;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.ProgressUnit;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies the rows of many tables out of one snapshot, largest table first, on the snapshot's own connection and,
 * with {@code jobs} above one, on {@code jobs - 1} more that share its snapshot, and fingerprints each table from the
 * bytes copied. The snapshot's connection copies the first table while the others connect.
 */
final class ParallelCopyOut {

    /** Where a table's rows go: an archive part, or nowhere when only the fingerprint is wanted. */
    @FunctionalInterface
    interface Destination {
        OutputStream open(TableData table) throws IOException;
    }

    private ParallelCopyOut() {
    }

    /** @return each table's fingerprint, by its display name */
    static Map<String, TableFingerprint> run(SnapshotSession session, List<TableData> tables, int jobs,
                                             Destination destination, Progress progress, String doing)
            throws SQLException, IOException {
        Map<QualifiedName, Long> sizes = RelationSizes.of(session.leader());
        List<TableData> largestFirst = new ArrayList<>(tables);
        largestFirst.sort(Comparator.comparing((TableData table) -> sizes.getOrDefault(table.table(), 0L)).reversed()
                .thenComparing(TableData::table));
        Map<String, TableFingerprint> fingerprints = new ConcurrentHashMap<>();
        AtomicLong done = new AtomicLong();
        try (Progress.Task task = progress.start("copying tables", tables.size(), ProgressUnit.ITEMS)) {
            if (jobs == 1 || tables.size() <= 1) {
                for (TableData table : largestFirst) {
                    copy(session.leader(), table, destination, fingerprints);
                    task.update(done.incrementAndGet());
                }
            } else {
                String snapshot = session.exportSnapshot();
                AtomicBoolean leaderTaken = new AtomicBoolean();
                Runnable onTableDone = () -> task.update(done.incrementAndGet());
                // the snapshot's own connection is the first worker's, the others open theirs
                WorkerPool.WorkerFactory<TableData> workers = () -> leaderTaken.compareAndSet(false, true)
                        ? new Worker(session.leader(), false, destination, fingerprints, onTableDone)
                        : new Worker(session.openWorker(snapshot), true, destination, fingerprints, onTableDone);
                WorkerPool.run("copy-out", jobs, largestFirst, workers,
                        failure -> PostgresFailures.translate(failure, doing));
            }
        }
        return fingerprints;
    }

    private static void copy(Connection connection, TableData table, Destination destination,
                             Map<String, TableFingerprint> fingerprints) throws SQLException, IOException {
        try (OutputStream out = destination.open(table)) {
            fingerprints.put(table.table().display(), TableCopy.copyOut(connection, table, out));
        }
    }

    /**
     * A worker: locks each table NOWAIT in the shared snapshot, then copies it. On the snapshot's own connection the
     * lock may be held already (a backup's locked every table when it began), and the connection stays open for what
     * follows the copies.
     */
    private static final class Worker implements WorkerPool.Worker<TableData> {

        private final Connection connection;
        private final boolean ownsConnection;
        private final Destination destination;
        private final Map<String, TableFingerprint> fingerprints;
        private final Runnable onTableDone;

        Worker(Connection connection, boolean ownsConnection, Destination destination,
               Map<String, TableFingerprint> fingerprints, Runnable onTableDone) {
            this.connection = connection;
            this.ownsConnection = ownsConnection;
            this.destination = destination;
            this.fingerprints = fingerprints;
            this.onTableDone = onTableDone;
        }

        @Override
        public void process(TableData table) throws SQLException, IOException {
            try {
                SnapshotSession.lockNowait(connection, table.table());
            } catch (SQLException e) {
                if ("55P03".equals(e.getSQLState())) {
                    throw new LockedException("a backup worker could not lock " + table.table().display() + ": another "
                            + "session is waiting for an exclusive lock on it (" + PostgresFailures.serverMessage(e)
                            + "); retry when that session is done, or back up with --jobs 1", e);
                }
                throw e;
            }
            copy(connection, table, destination, fingerprints);
            onTableDone.run();
        }

        @Override
        public void abort() {
            ServerConnections.cancelQuietly(connection);
        }

        @Override
        public void close() {
            if (ownsConnection) {
                ServerConnections.closeQuietly(connection);
            }
        }
    }
}
