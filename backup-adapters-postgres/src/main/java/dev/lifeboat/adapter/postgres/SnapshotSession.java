package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.catalog.QualifiedName;
import dev.lifeboat.domain.error.LockedException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * One consistent view of a database, as pg_dump takes it: a REPEATABLE READ, READ ONLY transaction with ACCESS SHARE
 * locks on every table (taken before any pg_get_*def call, which reads the current catalogs rather than the
 * snapshot), and, for parallel workers, the snapshot exported so that each worker sees exactly the same data.
 */
final class SnapshotSession implements AutoCloseable {

    private final PostgresLocation location;
    private final Connection leader;

    private SnapshotSession(PostgresLocation location, Connection leader) {
        this.location = location;
        this.leader = leader;
    }

    static SnapshotSession begin(PostgresLocation location) {
        Connection leader = ServerConnections.open(location);
        try {
            ServerConnections.applyDumpSettings(leader);
            try (Statement statement = leader.createStatement()) {
                statement.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            return new SnapshotSession(location, leader);
        } catch (SQLException e) {
            ServerConnections.closeQuietly(leader);
            throw PostgresFailures.of(e, "starting a snapshot of " + location.display());
        }
    }

    Connection leader() {
        return leader;
    }

    /**
     * Locks every relation in ACCESS SHARE mode, so none can be dropped or altered until the backup ends; writers go
     * on. A lock not granted within the timeout fails the backup (exit 4) rather than waiting without a word.
     */
    void lock(List<QualifiedName> relations, Duration timeout) throws SQLException {
        try (Statement statement = leader.createStatement()) {
            statement.execute("SET LOCAL lock_timeout = " + Math.max(1, timeout.toMillis()));
            for (QualifiedName relation : relations) {
                try {
                    statement.execute("LOCK TABLE " + relation.quoted() + " IN ACCESS SHARE MODE");
                } catch (SQLException e) {
                    if ("55P03".equals(e.getSQLState())) {
                        throw new LockedException("table " + relation.display() + " of " + location.display()
                                + " stayed locked by another session for the whole lock timeout ("
                                + seconds(timeout) + "); nothing was written. Find the session with "
                                + "pg_locks and pg_stat_activity, or retry with a longer --lock-timeout", e);
                    }
                    throw e;
                }
            }
            statement.execute("SET LOCAL lock_timeout = 0");
        }
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** Exports the snapshot for workers. */
    String exportSnapshot() throws SQLException {
        try (Statement statement = leader.createStatement();
             ResultSet result = statement.executeQuery("SELECT pg_catalog.pg_export_snapshot()")) {
            result.next();
            return result.getString(1);
        }
    }

    /**
     * A worker connection that sees the leader's snapshot. Before copying a table it must lock it with
     * {@link #lockNowait}: a refused lock means someone is waiting for an exclusive lock, and the worker fails loudly
     * rather than deadlock with the leader.
     */
    Connection openWorker(String snapshotId) {
        Connection worker = ServerConnections.open(location);
        try {
            ServerConnections.applyDumpSettings(worker);
            try (Statement statement = worker.createStatement()) {
                statement.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                statement.execute("SET TRANSACTION SNAPSHOT '" + snapshotId.replace("'", "''") + "'");
            }
            return worker;
        } catch (SQLException e) {
            ServerConnections.closeQuietly(worker);
            throw PostgresFailures.of(e, "starting a backup worker on " + location.display());
        }
    }

    static void lockNowait(Connection worker, QualifiedName table) throws SQLException {
        try (Statement statement = worker.createStatement()) {
            statement.execute("LOCK TABLE " + table.quoted() + " IN ACCESS SHARE MODE NOWAIT");
        }
    }

    @Override
    public void close() {
        try (Statement statement = leader.createStatement()) {
            statement.execute("COMMIT");
        } catch (SQLException ignored) {
            // a read-only transaction: ending it by closing the connection loses nothing
        } finally {
            ServerConnections.closeQuietly(leader);
        }
    }
}
