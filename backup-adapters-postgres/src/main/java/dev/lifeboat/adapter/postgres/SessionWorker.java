package dev.lifeboat.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A worker with its own session, for statements that may run at the same time; aborting it cancels what its session
 * is running.
 *
 * @param <T> what one item of the work is
 */
final class SessionWorker<T> implements WorkerPool.Worker<T> {

    private final Connection connection;
    private final Statement statement;
    private final Action<T> action;

    SessionWorker(Connection connection, Action<T> action) throws SQLException {
        this.connection = connection;
        this.statement = connection.createStatement();
        this.action = action;
    }

    @Override
    public void process(T item) throws Exception {
        action.apply(statement, item);
    }

    @Override
    public void abort() {
        ServerConnections.cancelQuietly(connection);
    }

    @Override
    public void close() {
        ServerConnections.closeQuietly(connection);
    }

    /** What a session worker does with one item. */
    @FunctionalInterface
    interface Action<T> {
        void apply(Statement statement, T item) throws Exception;
    }
}
