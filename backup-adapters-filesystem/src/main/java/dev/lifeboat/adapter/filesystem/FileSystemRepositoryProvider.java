package dev.lifeboat.adapter.filesystem;

import dev.lifeboat.domain.model.RepositorySettings;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.BackupRepositoryProvider;
import java.nio.file.Path;

/**
 * Repositories on a local directory: a plain path such as {@code ./backups} or {@code /var/backups/app}, or a
 * {@code file:} URI. Archives are published atomically with a {@code sha256sum -c} sidecar, the repository is locked
 * with an OS file lock that a crashed run releases, and everything is created readable by its owner only. A
 * repository opened for writing is created by the first operation that writes into it, not by opening it.
 */
public final class FileSystemRepositoryProvider implements BackupRepositoryProvider {

    private static final String ID = "filesystem";

    public FileSystemRepositoryProvider() {
        // found with ServiceLoader, which needs a public no-argument constructor
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean accepts(String location) {
        return DirectoryLocation.accepts(location);
    }

    @Override
    public BackupRepository open(String location, RepositorySettings settings, boolean create) {
        Path directory = DirectoryLocation.toPath(location);
        return new FileSystemRepository(create ? RepositoryDirectory.forWriting(directory)
                : RepositoryDirectory.existing(directory));
    }
}
