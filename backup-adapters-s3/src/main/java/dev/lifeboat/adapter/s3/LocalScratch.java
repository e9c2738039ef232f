package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.error.InsufficientSpaceException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.spi.ScratchSpace;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Temporary files of one run of an S3 repository ({@code verify --deep} restores into them), on local disk, as an
 * object store has no room for files a database engine opens: a private directory
 * {@code lifeboat-s3-scratch-<pid>-<random>} (0700) in the JVM's temporary directory ({@code java.io.tmpdir}, so
 * {@code -Djava.io.tmpdir} moves it), files 0600 in it. Closing removes the directory with everything in it, and so
 * does the JVM shutting down (Ctrl-C); a directory of a run killed outright is removed by a later run's leftover
 * sweep once its process is gone ({@link #removeLeftovers()}).
 */
final class LocalScratch implements ScratchSpace {

    static final String PREFIX = "lifeboat-s3-scratch-";
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "([0-9]{1,18})-.+");
    private static final Pattern NOT_ALLOWED_IN_PURPOSE = Pattern.compile("[^a-z0-9-]+");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path directory;
    private final Runnable cleanup = this::close;
    private int files;
    private boolean closed;

    private LocalScratch(Path directory) {
        this.directory = directory;
        S3ShutdownCleanup.register(cleanup);
    }

    /** Creates the run's private directory in the temporary directory. */
    static LocalScratch create() {
        return create(temporaryDirectory());
    }

    /** @param parent where the run's directory goes; tests pass their own */
    static LocalScratch create(Path parent) {
        try {
            return new LocalScratch(Files.createTempDirectory(parent, PREFIX + ProcessHandle.current().pid() + "-",
                    attributes("rwx------")));
        } catch (IOException e) {
            throw failure("cannot create a scratch directory in " + parent, e);
        }
    }

    /** The run's directory. */
    Path directory() {
        return directory;
    }

    @Override
    public synchronized Path newFile(String purpose) {
        if (closed) {
            throw new IllegalStateException("scratch space " + directory + " is closed");
        }
        files++;
        Path file = directory.resolve(files + "-" + sanitize(purpose));
        try {
            return Files.createFile(file, attributes("rw-------"));
        } catch (IOException e) {
            throw failure("cannot create scratch file " + file, e);
        }
    }

    /** Deletes the directory with every file in it, including those a tool made beside the ones given out. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        S3ShutdownCleanup.deregister(cleanup);
        deleteTree(directory);
    }

    /**
     * Removes the scratch directories of runs whose process is gone and returns the names of those removed, sorted.
     * A directory this user may not delete (another user's) stays and is not reported.
     */
    static List<String> removeLeftovers() {
        return removeLeftovers(temporaryDirectory());
    }

    static List<String> removeLeftovers(Path parent) {
        List<String> removed = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path entry : entries) {
                Matcher matcher = NAME.matcher(entry.getFileName().toString());
                if (matcher.matches() && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                        && !isAlive(Long.parseLong(matcher.group(1)))) {
                    deleteTree(entry);
                    if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
                        removed.add(entry.getFileName().toString());
                    }
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            throw new UnavailableException("cannot look for scratch directories left by interrupted runs in " + parent
                    + ": " + e.getMessage(), e);
        }
        removed.sort(Comparator.naturalOrder());
        return removed;
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static Path temporaryDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static String sanitize(String purpose) {
        String safe = NOT_ALLOWED_IN_PURPOSE.matcher(purpose.toLowerCase(Locale.ROOT)).replaceAll("-")
                .replaceAll("^-+|-+$", "");
        safe = safe.length() > 40 ? safe.substring(0, 40) : safe;
        return safe.isEmpty() ? "file" : safe;
    }

    private static FileAttribute<?>[] attributes(String permissions) {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString(permissions))} : new FileAttribute<?>[0];
    }

    private static RuntimeException failure(String what, IOException e) {
        if (InsufficientSpaceException.indicatesFullDisk(e)) {
            return InsufficientSpaceException.whileWriting(what + ": the disk is full; free some space or point "
                    + "-Djava.io.tmpdir at a disk with room", e);
        }
        return new UnavailableException(what + ": " + e.getMessage(), e);
    }

    /**
     * Deletes a directory and what is in it without following links. A file that cannot be deleted stays for a later
     * sweep: failing a run that has otherwise succeeded would be worse.
     */
    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // see above
        }
    }
}
