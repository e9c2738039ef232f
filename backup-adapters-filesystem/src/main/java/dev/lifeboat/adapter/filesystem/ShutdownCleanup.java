package dev.lifeboat.adapter.filesystem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Removes the temporary files of archives and scratch spaces still open when the JVM shuts down, as it does on
 * SIGINT and SIGTERM, which skip the code that would otherwise close them, and then releases the repository locks
 * still held, so the next run finds them free rather than stale. SIGKILL runs nothing;
 * {@link FileSystemRepository#removeLeftovers()} cleans up after it and the OS releases the lock.
 */
final class ShutdownCleanup {

    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();
    /**
     * Creating and registering a file hold it shared, the hook exclusively: a file is either registered before the
     * hook looks or never created, since workers go on running while the JVM shuts down and it halts as soon as the
     * hooks are done, which could otherwise fall between a file's creation and its registration.
     */
    private static final ReadWriteLock CREATING = new ReentrantReadWriteLock();
    private static boolean hookInstalled;
    private static boolean shuttingDown;

    private ShutdownCleanup() {
    }

    /** Makes a file that is to be removed at shutdown unless deregistered. */
    @FunctionalInterface
    interface Creation<T> {
        T create() throws IOException;
    }

    /**
     * Creates a file and registers it for removal at shutdown, as one step.
     *
     * @throws IOException when the file cannot be made, or the JVM is shutting down (nothing is created then)
     */
    static <T> T createRegistered(Path file, Creation<T> creation) throws IOException {
        installHook();
        CREATING.readLock().lock();
        try {
            if (shuttingDown) {
                throw new IOException("not creating " + file + ": lifeboat is shutting down");
            }
            T created = creation.create();
            PENDING.add(file);
            return created;
        } finally {
            CREATING.readLock().unlock();
        }
    }

    /** Makes sure locks taken from now on are released at shutdown. */
    static void releaseLocksAtShutdown() {
        installHook();
    }

    static void deregister(Path file) {
        PENDING.remove(file);
    }

    private static synchronized void installHook() {
        if (hookInstalled) {
            return;
        }
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(ShutdownCleanup::deleteAll, "lifeboat-temp-cleanup"));
            hookInstalled = true;
        } catch (IllegalStateException e) {
            // already shutting down: the owner's close or a later leftover sweep removes the files
        }
    }

    private static void deleteAll() {
        CREATING.writeLock().lock();
        try {
            shuttingDown = true;
            TempFiles.deleteQuietly(List.copyOf(PENDING));
        } finally {
            CREATING.writeLock().unlock();
        }
        LockFile.releaseAll();
    }
}
