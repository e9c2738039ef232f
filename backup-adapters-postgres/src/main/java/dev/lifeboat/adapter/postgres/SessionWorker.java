package dev.lifeboat.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A worker on a session borrowed from a {@link SessionPool}, for statements that may run at the same time; aborting
 * it cancels what its session is running. The session goes back to the pool with the worker, unless an item failed
 * or the worker was aborted before it closed: then it is closed.
 *
 * @param <T> what one item of the work is
 */
final class SessionWorker<T> implements WorkerPool.Worker<T> {

    private final SessionPool pool;
    private final Connection connection;
    private final Statement statement;
    private final Action<T> action;
    private volatile boolean reusable = true;

    private SessionWorker(SessionPool pool, Connection connection, Action<T> action) throws SQLException {
        this.pool = pool;
        this.connection = connection;
        try {
            this.statement = connection.createStatement();
        } catch (SQLException e) {
            pool.release(connection, false);
            throw e;
        }
        this.action = action;
    }

    /** A worker on a session of {@code pool}'s. */
    static <T> SessionWorker<T> borrowing(SessionPool pool, Action<T> action) throws SQLException {
        return new SessionWorker<>(pool, pool.borrow(), action);
    }

    @Override
    public void process(T item) throws Exception {
        try {
            action.apply(statement, item);
        } catch (Throwable failure) {
            reusable = false;
            throw failure;
        }
    }

    @Override
    public void abort() {
        reusable = false;
        ServerConnections.cancelQuietly(connection);
    }

    @Override
    public void close() {
        try {
            statement.close();
        } catch (SQLException e) {
            reusable = false;
        }
        pool.release(connection, reusable);
    }

    /** What a session worker does with one item. */
    @FunctionalInterface
    interface Action<T> {
        void apply(Statement statement, T item) throws Exception;
    }
}
