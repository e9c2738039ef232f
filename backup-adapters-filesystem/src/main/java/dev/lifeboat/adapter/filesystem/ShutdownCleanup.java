package dev.lifeboat.adapter.filesystem;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Removes the temporary files of archives and scratch spaces still open when the JVM shuts down, as it does on
 * SIGINT and SIGTERM, which skip the code that would otherwise close them, and then releases the repository locks
 * still held, so the next run finds them free rather than stale. SIGKILL runs nothing;
 * {@link FileSystemRepository#removeLeftovers()} cleans up after it and the OS releases the lock.
 */
final class ShutdownCleanup {

    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();
    private static boolean hookInstalled;
    /** Set before the hook reads PENDING: a file registered after that (a worker still running) is removed at once. */
    private static volatile boolean shuttingDown;

    private ShutdownCleanup() {
    }

    static void register(Path file) {
        installHook();
        PENDING.add(file);
        if (shuttingDown) {
            TempFiles.deleteQuietly(List.of(file));
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
        shuttingDown = true;
        TempFiles.deleteQuietly(List.copyOf(PENDING));
        LockFile.releaseAll();
    }
}
