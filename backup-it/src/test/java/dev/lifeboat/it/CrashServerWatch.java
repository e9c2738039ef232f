package dev.lifeboat.it;

import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Watches a PostgreSQL server while a restore runs on it, over one connection to the postgres database: which
 * databases exist (by oid, to tell a new scratch database from one a killed run left), how large they are, and which
 * statements run in them.
 */
final class CrashServerWatch implements AutoCloseable {

    private final Connection connection;
    private final PreparedStatement oid;
    private final PreparedStatement size;
    private final PreparedStatement running;
    private final PreparedStatement inTransaction;
    private final PreparedStatement namesLike;

    CrashServerWatch(TestServer server) throws SQLException {
        connection = server.connect("postgres");
        oid = connection.prepareStatement("SELECT oid FROM pg_catalog.pg_database WHERE datname = ?");
        size = connection.prepareStatement("SELECT pg_catalog.pg_database_size(?)");
        running = connection.prepareStatement("SELECT count(*) FROM pg_catalog.pg_stat_activity"
                + " WHERE datname = ? AND state = 'active' AND query ILIKE ?");
        inTransaction = connection.prepareStatement("SELECT count(*) FROM pg_catalog.pg_stat_activity"
                + " WHERE datname = ? AND state IN ('active', 'idle in transaction') AND query ILIKE ?");
        namesLike = connection.prepareStatement(
                "SELECT datname FROM pg_catalog.pg_database WHERE datname LIKE ? ORDER BY 1");
    }

    Optional<Long> oid(String database) throws SQLException {
        oid.setString(1, database);
        try (ResultSet rows = oid.executeQuery()) {
            return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
        }
    }

    boolean exists(String database) throws SQLException {
        return oid(database).isPresent();
    }

    /** The size of a database; 0 when it does not exist (or is being created or dropped right now). */
    long size(String database) {
        try {
            size.setString(1, database);
            try (ResultSet rows = size.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            return 0;
        }
    }

    /** Whether a statement like the pattern (ILIKE, with %) is running in the database. */
    boolean isRunning(String database, String pattern) throws SQLException {
        return anySession(running, database, pattern);
    }

    /**
     * Whether a session of the database runs a statement like the pattern (ILIKE, with %), or ran one last and is
     * still in the same transaction: for a transaction of many short statements, none of which a poll would catch
     * running.
     */
    boolean isInTransactionWith(String database, String pattern) throws SQLException {
        return anySession(inTransaction, database, pattern);
    }

    private static boolean anySession(PreparedStatement count, String database, String pattern) throws SQLException {
        count.setString(1, database);
        count.setString(2, pattern);
        try (ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1) > 0;
        }
    }

    /** The names of the databases like the pattern (LIKE, with % and _ as wildcards). */
    List<String> databasesLike(String pattern) throws SQLException {
        namesLike.setString(1, pattern);
        List<String> names = new ArrayList<>();
        try (ResultSet rows = namesLike.executeQuery()) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
