package dev.lifeboat.adapter.postgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The sessions of one piece of work that runs in phases, some on one session and some on several at once: a session
 * is opened when no idle one is left and used again by the next phase, instead of every phase opening and closing
 * its own (each costs a connection, authentication and the session's settings: tens of milliseconds on a local
 * server, more across a network, and a slot of the server's {@code max_connections}). A session given back as not
 * reusable (its work failed, or was cancelled) is closed; an idle session the server or the network has ended since
 * is replaced when it is next asked for. Closing the pool closes every session it opened, which the work does once a
 * phase has failed. Thread-safe.
 */
final class SessionPool implements AutoCloseable {

    /** Opens one session, with whatever settings the work's sessions must have. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    /** What is done with one borrowed session. */
    @FunctionalInterface
    interface Use {
        void accept(Connection connection) throws SQLException, IOException;
    }

    /** How long an idle session has to answer before it is taken for gone. */
    private static final int IDLE_CHECK_SECONDS = 10;

    private final Opener opener;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final List<Connection> opened = new ArrayList<>();
    private boolean closed;

    SessionPool(Opener opener) {
        this.opener = opener;
    }

    /** An idle session that still answers, or a new one when none is idle; give it back with {@link #release}. */
    Connection borrow() throws SQLException {
        Connection idleOne;
        while ((idleOne = takeIdle()) != null) {
            if (idleOne.isValid(IDLE_CHECK_SECONDS)) {
                return idleOne;
            }
            release(idleOne, false);
        }
        // opened outside the lock, so that the workers of a phase open theirs at the same time
        Connection connection = opener.open();
        synchronized (this) {
            if (closed) {
                ServerConnections.closeQuietly(connection);
                requireOpen();
            }
            opened.add(connection);
        }
        return connection;
    }

    /**
     * Gives a borrowed session back: for the next phase when {@code reusable}, else (it failed, or its statement was
     * cancelled) it is closed.
     */
    void release(Connection connection, boolean reusable) {
        synchronized (this) {
            if (reusable && !closed) {
                idle.push(connection);
                return;
            }
            opened.remove(connection);
        }
        ServerConnections.closeQuietly(connection);
    }

    /** Runs {@code use} on a borrowed session, which goes back to the pool unless {@code use} failed. */
    void with(Use use) throws SQLException, IOException {
        Connection connection = borrow();
        boolean reusable = false;
        try {
            use.accept(connection);
            reusable = true;
        } finally {
            release(connection, reusable);
        }
    }

    /** How many sessions are open, idle or borrowed. */
    synchronized int sessionsOpen() {
        return opened.size();
    }

    @Override
    public void close() {
        List<Connection> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(opened);
            opened.clear();
            idle.clear();
        }
        toClose.forEach(ServerConnections::closeQuietly);
    }

    private synchronized Connection takeIdle() {
        requireOpen();
        return idle.poll();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the sessions were closed");
        }
    }
}
