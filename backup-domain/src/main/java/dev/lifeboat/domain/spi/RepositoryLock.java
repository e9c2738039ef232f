package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.model.LockHolder;
import java.time.Duration;

/** A held exclusive lock on a repository. Closing releases it; a process that dies releases it too. */
public interface RepositoryLock extends AutoCloseable {

    /**
     * Who holds the lock: this run's host, process and command.
     *
     * @return the holder
     */
    LockHolder holder();

    /**
     * Whether a stale lock of a dead process was taken over to get this one, and whose it was.
     *
     * @return the dead holder, empty when the lock was free
     */
    java.util.Optional<LockHolder> tookOverFrom();

    /** Releases the lock. */
    @Override
    void close();

    /**
     * What a repository that stayed locked tells the user to do, after the holder is named: every repository kind says
     * it the same way.
     *
     * @param waited how long the run waited for the lock (its --lock-timeout)
     * @return the advice, to follow "repository ... is locked by HOLDER"
     */
    static String busyAdvice(Duration waited) {
        if (waited.isZero()) {
            return "; wait for it to finish or pass --lock-timeout";
        }
        String wait = waited.toMillis() % 1000 == 0 ? waited.toSeconds() + " s" : waited.toMillis() + " ms";
        return ", still after waiting " + wait + " (--lock-timeout); wait for it to finish or give a longer timeout";
    }
}
