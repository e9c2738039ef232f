package dev.lifeboat.adapter.s3;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Undoes what runs still in progress put in a bucket or on local disk when the JVM shuts down, as it does on SIGINT
 * (Ctrl-C) and SIGTERM, which skip the code that would otherwise close them: multipart uploads are aborted, sidecars
 * and manifest copies of uncommitted archives deleted, scratch directories removed. SIGKILL runs nothing; a later
 * run's leftover sweep cleans up after it. The repository's lock is released last, once nothing of this run is left
 * to undo, so that no other run takes the repository over while an upload is still being aborted.
 */
final class S3ShutdownCleanup {

    private static final Set<Runnable> PENDING = ConcurrentHashMap.newKeySet();
    private static boolean hookInstalled;
    /** Set before the hook runs the actions: one registered after that (a worker still running) runs at once. */
    private static volatile boolean shuttingDown;

    private S3ShutdownCleanup() {
    }

    /** @param undo undoes something at shutdown unless {@link #deregister deregistered} first; must not throw */
    static void register(Runnable undo) {
        installHook();
        PENDING.add(undo);
        if (shuttingDown && PENDING.remove(undo)) {
            undo.run();
        }
    }

    static void deregister(Runnable undo) {
        PENDING.remove(undo);
    }

    static synchronized void installHook() {
        if (hookInstalled) {
            return;
        }
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(S3ShutdownCleanup::runAll, "lifeboat-s3-cleanup"));
            hookInstalled = true;
        } catch (IllegalStateException e) {
            // already shutting down: the owner's close or a later leftover sweep cleans up
        }
    }

    private static void runAll() {
        shuttingDown = true;
        for (Runnable undo : List.copyOf(PENDING)) {
            if (PENDING.remove(undo)) {
                undo.run();
            }
        }
        S3Lock.releaseAll();
    }
}
