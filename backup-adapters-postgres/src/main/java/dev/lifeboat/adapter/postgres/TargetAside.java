package dev.lifeboat.adapter.postgres;

import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.error.OperationInterruptedException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A restore's target renamed aside while it is checked one last time before the restored database takes its name:
 * meanwhile the name reaches no database, so nothing connects to the restored one before the check has passed, and
 * the target is held by a name no application uses. The check ends it one way or the other: the restored database
 * is renamed into place ({@link #replaceWith}) or the target back ({@link #putBack}).
 *
 * <p>A shutdown (Ctrl-C, SIGTERM: the JVM runs its hooks and halts wherever the main thread is) before either puts the
 * target back: it ends the check's own sessions on it, which would block the rename, and renames it. A rename under
 * way is waited for (milliseconds), and none begins after the shutdown has.
 */
final class TargetAside implements AutoCloseable {

    /** Where the shutdown's hook goes: the JVM's, or a test's. */
    interface ShutdownHooks {
        ShutdownHooks RUNTIME = new ShutdownHooks() {
            @Override
            public void add(Thread hook) {
                Runtime.getRuntime().addShutdownHook(hook);
            }

            @Override
            public void remove(Thread hook) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        };

        void add(Thread hook);

        void remove(Thread hook);
    }

    private static final int PUT_BACK_ATTEMPTS = 20;
    private static final long PUT_BACK_PAUSE_MILLIS = 250;

    private final PostgresLocation server;
    private final String name;
    private final String aside;
    private final ShutdownHooks hooks;
    private final Thread hook;
    private final ReentrantLock renaming = new ReentrantLock();
    private boolean settled;
    private boolean stopping;

    private TargetAside(PostgresLocation server, String name, String aside, ShutdownHooks hooks) {
        this.server = server;
        this.name = name;
        this.aside = aside;
        this.hooks = hooks;
        this.hook = new Thread(this::putBackAtShutdown, "lifeboat-put-back-" + name);
    }

    /**
     * Renames the target aside, after registering the hook that puts it back.
     *
     * @throws LockedException when sessions on the target block the rename; nothing is changed then
     */
    static TargetAside rename(ServerDatabases databases, PostgresLocation server, String name, String aside,
                              ShutdownHooks hooks) throws SQLException {
        TargetAside target = new TargetAside(server, name, aside, hooks);
        try {
            hooks.add(target.hook);
        } catch (IllegalStateException shuttingDown) {
            throw new OperationInterruptedException("the restore was stopped before it replaced anything",
                    shuttingDown);
        }
        try {
            target.settle(() -> databases.rename(List.<String[]>of(new String[] {name, aside})), false);
        } catch (SQLException | RuntimeException e) {
            target.close();
            throw e;
        }
        return target;
    }

    /** The restored database takes the target's name; the target stays aside. */
    void replaceWith(ServerDatabases databases, String restored) throws SQLException {
        settle(() -> databases.rename(List.<String[]>of(new String[] {restored, name})), true);
    }

    /** The target takes its name back. */
    void putBack(ServerDatabases databases) throws SQLException {
        settle(() -> databases.rename(List.<String[]>of(new String[] {aside, name})), true);
    }

    /** A rename of this restore's, unless the shutdown has begun. */
    private interface Rename {
        void run() throws SQLException;
    }

    private void settle(Rename rename, boolean ends) throws SQLException {
        renaming.lock();
        try {
            if (stopping) {
                throw new OperationInterruptedException("the restore was stopped; " + name + " was put back");
            }
            rename.run();
            settled = ends;
        } finally {
            renaming.unlock();
        }
    }

    /**
     * What the shutdown hook does. The check's sessions are this restore's, under the name only it knows; new ones
     * may still open while the main thread runs, hence a few attempts.
     */
    void putBackAtShutdown() {
        try {
            if (!renaming.tryLock(10, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            if (settled) {
                return;
            }
            stopping = true;
            try (ServerDatabases databases = new ServerDatabases(server)) {
                for (int attempt = 1; attempt <= PUT_BACK_ATTEMPTS; attempt++) {
                    databases.endOwnSessions(aside);
                    try {
                        databases.rename(List.<String[]>of(new String[] {aside, name}));
                        settled = true;
                        return;
                    } catch (LockedException busy) {
                        Thread.sleep(PUT_BACK_PAUSE_MILLIS);
                    }
                }
            }
        } catch (SQLException | LifeboatException e) {
            // the process is ending; the target stays under the name it was given aside
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            renaming.unlock();
        }
    }

    @Override
    public void close() {
        try {
            hooks.remove(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway, and finds the target settled or puts it back
        }
    }
}
