package dev.lifeboat.adapter.filesystem;

import dev.lifeboat.domain.model.LockHolder;
import dev.lifeboat.domain.spi.RepositoryLock;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.Optional;

/** A repository lock this process holds; see {@link LockFile}. */
final class HeldLock implements RepositoryLock {

    private final Path directory;
    private final FileChannel channel;
    private final FileLock fileLock;
    private final LockHolder holder;
    private final Optional<LockHolder> tookOverFrom;
    private final Object key;
    private boolean released;

    HeldLock(Path directory, FileChannel channel, FileLock fileLock, LockHolder holder,
             Optional<LockHolder> tookOverFrom, Object key) {
        this.directory = directory;
        this.channel = channel;
        this.fileLock = fileLock;
        this.holder = holder;
        this.tookOverFrom = tookOverFrom;
        this.key = key;
    }

    @Override
    public LockHolder holder() {
        return holder;
    }

    @Override
    public Optional<LockHolder> tookOverFrom() {
        return tookOverFrom;
    }

    /** Whether this lock still guards the given repository directory. */
    synchronized boolean guards(Path repository) {
        return !released && fileLock.isValid() && directory.equals(repository);
    }

    @Override
    public void close() {
        LockFile.release(this);
    }

    /** Marks the lock released, returning false if it already was. */
    synchronized boolean markReleased() {
        if (released) {
            return false;
        }
        released = true;
        return true;
    }

    FileChannel channel() {
        return channel;
    }

    Object key() {
        return key;
    }
}
