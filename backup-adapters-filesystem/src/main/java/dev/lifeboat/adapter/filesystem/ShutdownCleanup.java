package dev.lifeboat.adapter.filesystem;

import java.io.IOException;
import java.nio.file.Files;
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

    /** A SQLite engine may open a scratch file as a database; these files appear beside it. */
    private static final List<String> SQLITE_COMPANIONS = List.of("-wal", "-shm", "-journal");

    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();
    private static boolean hookInstalled;

    private ShutdownCleanup() {
    }

    static void register(Path file) {
        installHook();
        PENDING.add(file);
    }

    /** Makes sure locks taken from now on are released at shutdown. */
    static void releaseLocksAtShutdown() {
        installHook();
    }

    static void deregister(Path file) {
        PENDING.remove(file);
    }

    /**
     * Deletes a temporary file and the SQLite files beside it. A file that cannot be deleted stays until a later
     * run's leftover sweep removes it, which is better than failing a run that has otherwise succeeded.
     */
    static void deleteQuietly(Path file) {
        delete(file);
        for (String suffix : SQLITE_COMPANIONS) {
            delete(file.resolveSibling(file.getFileName() + suffix));
        }
        deregister(file);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // see deleteQuietly
        }
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
        for (Path file : List.copyOf(PENDING)) {
            deleteQuietly(file);
        }
        LockFile.releaseAll();
    }
}
