package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.error.OperationInterruptedException;
import java.sql.SQLException;

/**
 * Work run on another thread while the caller does something else, such as hashing a snapshot while it streams
 * into the archive. The work's failure is rethrown by {@link #join}.
 */
final class BackgroundTask<T> {

    /** Work that may fail with a SQLite error, which the caller translates in its own words. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private final Thread thread;
    private volatile T result;
    private volatile Throwable failure;

    private BackgroundTask(String name, Work<T> work) {
        thread = new Thread(() -> {
            try {
                result = work.run();
            } catch (SQLException | RuntimeException | Error e) {
                failure = e;
            }
        }, name);
        thread.setDaemon(true);
    }

    static <T> BackgroundTask<T> start(String name, Work<T> work) {
        BackgroundTask<T> task = new BackgroundTask<>(name, work);
        task.thread.start();
        return task;
    }

    /** Whether the work has failed already, so the caller can stop early. */
    boolean failed() {
        return failure != null;
    }

    /** Waits for the work and returns its result, or throws its failure. */
    T join() throws SQLException {
        try {
            thread.join();
        } catch (InterruptedException e) {
            cancel();
            Thread.currentThread().interrupt();
            throw new OperationInterruptedException("interrupted while waiting for " + thread.getName(), e);
        }
        Throwable thrown = failure;
        if (thrown instanceof SQLException sql) {
            throw sql;
        }
        if (thrown instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        return result;
    }

    /** Asks the work to stop and waits until it has, because the caller is failing anyway. */
    void cancel() {
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
