package dev.lifeboat.adapter.filesystem;

import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.port.out.BackupRepository;
import dev.lifeboat.domain.port.out.BackupRepositoryProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Repositories on a local directory: a plain path such as {@code ./backups} or {@code /var/backups/app}, or a
 * {@code file:} URI. Archives are published atomically with a {@code sha256sum -c} sidecar, the repository is locked
 * with an OS file lock that a crashed run releases, and everything is created readable by its owner only.
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
    public BackupRepository open(String location, boolean create) {
        Path directory = DirectoryLocation.toPath(location);
        if (create) {
            createDirectory(directory);
        }
        requireDirectory(directory);
        if (create && !Files.isWritable(directory)) {
            throw new UnavailableException("repository " + directory + " is not writable: permission denied; "
                    + "choose another directory or fix its permissions");
        }
        return new FileSystemRepository(directory);
    }

    private static void createDirectory(Path directory) {
        try {
            PrivateFiles.createDirectories(directory);
        } catch (IOException e) {
            throw new UnavailableException("repository " + directory + " is not writable: cannot create the directory: "
                    + IoFailures.describe(e), e);
        }
    }

    private static void requireDirectory(Path directory) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(directory, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new UnavailableException("repository " + directory + " does not exist; check the path "
                    + "(a backup creates it)", e);
        } catch (IOException e) {
            throw new UnavailableException("repository " + directory + " cannot be read: " + IoFailures.describe(e), e);
        }
        if (!attributes.isDirectory()) {
            throw new UnavailableException("repository " + directory + " is not a directory; a repository is a "
                    + "directory of archives");
        }
    }
}
