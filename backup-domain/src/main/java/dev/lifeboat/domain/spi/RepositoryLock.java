package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.model.LockHolder;

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
}
