package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.model.LockHolder;

/** A held exclusive lock on a repository. Closing releases it; a process that dies releases it too. */
public interface RepositoryLock extends AutoCloseable {

    LockHolder holder();

    /** Whether a stale lock of a dead process was taken over to get this one, and whose it was. */
    java.util.Optional<LockHolder> tookOverFrom();

    @Override
    void close();
}
