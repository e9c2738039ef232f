package dev.lifeboat.adapter.filesystem;

import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.spi.IoFailures;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A repository's directory. One opened for writing need not exist yet: the first operation that writes creates it,
 * with its missing parents, readable by the owner only; until then it reads as an empty repository. So a dry run, or
 * a backup that fails before it writes, leaves nothing on disk.
 */
final class RepositoryDirectory {

    private final Path path;
    private final boolean createdOnFirstWrite;

    private RepositoryDirectory(Path path, boolean createdOnFirstWrite) {
        this.path = path;
        this.createdOnFirstWrite = createdOnFirstWrite;
    }

    /**
     * A directory that exists.
     *
     * @param path absolute and normalized
     * @throws UnavailableException when there is no directory at the path
     */
    static RepositoryDirectory existing(Path path) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new UnavailableException("repository " + path + " does not exist; check the path "
                    + "(a backup creates it)", e);
        } catch (IOException e) {
            throw new UnavailableException("repository " + path + " cannot be read: " + IoFailures.describe(e), e);
        }
        requireDirectory(path, attributes);
        return new RepositoryDirectory(path, false);
    }

    /**
     * A directory to write to, created at the first write if missing. What can be checked without writing is checked
     * now, so a path that cannot become a directory fails before any work is done.
     *
     * @param path absolute and normalized
     * @throws UnavailableException when the path is not a directory or cannot become one
     */
    static RepositoryDirectory forWriting(Path path) {
        Path existing = path;
        Optional<BasicFileAttributes> attributes = attributesOf(existing);
        while (attributes.isEmpty() && existing.getParent() != null) {
            if (Files.isSymbolicLink(existing)) {
                throw RepositoryIoFailures.notWritable(path, existing + " is a symbolic link to something that does not exist "
                        + "(an unmounted disk?); create its target or remove the link", null);
            }
            existing = existing.getParent();
            attributes = attributesOf(existing);
        }
        if (attributes.isEmpty()) {
            // nothing on the way could be read; the first write says why it fails, if it does
            return new RepositoryDirectory(path, true);
        }
        if (existing.equals(path)) {
            requireDirectory(path, attributes.get());
            if (!Files.isWritable(path)) {
                throw RepositoryIoFailures.notWritable(path, "permission denied; choose another directory or fix its "
                        + "permissions", null);
            }
        } else if (!attributes.get().isDirectory()) {
            throw RepositoryIoFailures.notWritable(path, "cannot create the directory: " + existing + " is not a directory",
                    null);
        } else if (!Files.isWritable(existing)) {
            throw RepositoryIoFailures.notWritable(path, "cannot create the directory: permission denied in " + existing
                    + "; choose another directory or fix its permissions", null);
        }
        return new RepositoryDirectory(path, true);
    }

    Path path() {
        return path;
    }

    /** The directory, for an operation about to write into it: created now if it may be and is still missing. */
    Path forWrite() {
        if (createdOnFirstWrite && !Files.isDirectory(path)) {
            try {
                PrivateFiles.createDirectories(path);
            } catch (IOException e) {
                throw RepositoryIoFailures.directoryNotCreated(path, e);
            }
        }
        return path;
    }

    /** What the directory holds; nothing while a directory to be created on the first write is still missing. */
    List<Path> entries() {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(path)) {
            stream.forEach(entries::add);
        } catch (NoSuchFileException e) {
            if (!createdOnFirstWrite) {
                throw notListable(e);
            }
        } catch (IOException e) {
            throw notListable(e);
        } catch (DirectoryIteratorException e) {
            throw notListable(e.getCause());
        }
        return entries;
    }

    /** Bytes free where archives go: while the directory is still to be created, on the file system it will be on. */
    long usableSpace() {
        try {
            return fileStore().getUsableSpace();
        } catch (IOException e) {
            throw new UnavailableException("cannot tell the free space of repository " + path + ": "
                    + IoFailures.describe(e), e);
        }
    }

    private FileStore fileStore() throws IOException {
        try {
            return Files.getFileStore(path);
        } catch (IOException e) {
            if (!createdOnFirstWrite) {
                throw e;
            }
        }
        Path existing = path.getParent();
        while (existing.getParent() != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return Files.getFileStore(existing);
    }

    private UnavailableException notListable(IOException e) {
        return new UnavailableException("cannot list repository " + path + ": " + IoFailures.describe(e), e);
    }

    /**
     * The attributes of what a path leads to, following links; empty when nothing is there, or when the path cannot
     * be followed (a regular file or an unreadable directory on the way), which the path's parents then tell.
     */
    private static Optional<BasicFileAttributes> attributesOf(Path path) {
        try {
            return Optional.of(Files.readAttributes(path, BasicFileAttributes.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void requireDirectory(Path path, BasicFileAttributes attributes) {
        if (!attributes.isDirectory()) {
            throw new UnavailableException("repository " + path + " is not a directory; a repository is a "
                    + "directory of archives");
        }
    }
}
