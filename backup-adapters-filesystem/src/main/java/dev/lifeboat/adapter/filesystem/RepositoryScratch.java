package dev.lifeboat.adapter.filesystem;

import dev.lifeboat.domain.spi.ScratchSpace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Temporary files of one run in the repository directory, which has room for archive-sized files by definition.
 * Engines may use several threads, so files are created under a lock.
 */
final class RepositoryScratch implements ScratchSpace {

    private final Path repository;
    private final TempFiles tempFiles;
    private final List<Path> created = new ArrayList<>();
    private boolean closed;

    /** @param repository an existing directory */
    RepositoryScratch(Path repository, TempFiles tempFiles) {
        this.repository = repository;
        this.tempFiles = tempFiles;
    }

    @Override
    public synchronized Path newFile(String purpose) {
        if (closed) {
            throw new IllegalStateException("scratch space of repository " + repository + " is closed");
        }
        TempFiles.Created file;
        try {
            file = tempFiles.create(repository, purpose);
        } catch (IOException e) {
            throw RepositoryIoFailures.writeFailure(repository, repository.resolve(TempFiles.PREFIX + "*-"
                    + TempFiles.sanitize(purpose)), e);
        }
        created.add(file.path());
        try {
            file.channel().close();
        } catch (IOException e) {
            throw RepositoryIoFailures.writeFailure(repository, file.path(), e);
        }
        return file.path();
    }

    /** Deletes every file made here, with the companions a tool that opened one may have made beside it. */
    @Override
    public synchronized void close() {
        closed = true;
        TempFiles.deleteQuietly(created);
        created.clear();
    }
}
