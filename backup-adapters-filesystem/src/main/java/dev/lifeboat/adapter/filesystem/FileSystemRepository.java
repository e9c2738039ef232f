package dev.lifeboat.adapter.filesystem;

import dev.lifeboat.domain.error.RefusedException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.port.out.BackupRepository;
import dev.lifeboat.domain.port.out.NewArchive;
import dev.lifeboat.domain.port.out.RepositoryLock;
import dev.lifeboat.domain.port.out.ScratchSpace;
import dev.lifeboat.domain.port.out.StoredArchive;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * A repository in a local directory: {@code <name>.lifeboat.tar} archives, each with a {@code <name>.lifeboat.tar.sha256}
 * sidecar, the {@code .lifeboat.lock} lock file, and hidden {@code .lifeboat-tmp-*} files of runs in progress.
 */
final class FileSystemRepository implements BackupRepository {

    private final Path directory;
    private final TempFiles tempFiles;
    private final UnaryOperator<WritableByteChannel> archiveWrites;

    /** @param directory an existing directory, absolute and normalized */
    FileSystemRepository(Path directory) {
        this(directory, new TempFiles(), UnaryOperator.identity());
    }

    /**
     * @param tempFiles     names temporary files; tests choose the names to plant files in the way
     * @param archiveWrites what an archive's bytes pass through on the way to disk; tests make it fail
     */
    FileSystemRepository(Path directory, TempFiles tempFiles, UnaryOperator<WritableByteChannel> archiveWrites) {
        this.directory = directory;
        this.tempFiles = tempFiles;
        this.archiveWrites = archiveWrites;
    }

    @Override
    public String location() {
        return directory.toString();
    }

    @Override
    public RepositoryLock lock(Duration timeout, String command) {
        return LockFile.acquire(directory, timeout, command);
    }

    /**
     * Removes temporary files whose process is gone and sidecars whose archive is gone. The pid in a temporary file's
     * name tells; a file of a live process may be in use by a concurrent run (a verify's scratch files) and stays.
     */
    @Override
    public List<String> removeLeftovers() {
        List<Path> leftovers = new ArrayList<>();
        for (Path entry : entries()) {
            String name = entry.getFileName().toString();
            if (isOfDeadProcess(name) || isLoneSidecar(name)) {
                leftovers.add(entry);
            }
        }
        List<String> removed = new ArrayList<>();
        for (Path leftover : leftovers) {
            try {
                if (!Files.isDirectory(leftover, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(leftover)) {
                    removed.add(leftover.getFileName().toString());
                }
            } catch (IOException e) {
                throw new UnavailableException("cannot remove " + leftover + ", left in repository " + directory
                        + " by an interrupted run: " + IoFailures.describe(e) + "; remove it by hand", e);
            }
        }
        if (!removed.isEmpty()) {
            PrivateFiles.syncDirectory(directory);
        }
        removed.sort(Comparator.naturalOrder());
        return removed;
    }

    @Override
    public NewArchive create(BackupName name, RepositoryLock lock) {
        HeldLock held = requireHeld(lock);
        if (contains(name)) {
            throw new RefusedException("repository " + directory + " already has something named " + name
                    + "; lifeboat never replaces an archive");
        }
        TempFiles.Created temp;
        try {
            temp = tempFiles.create(directory, "archive");
        } catch (IOException e) {
            throw IoFailures.writeFailure(directory, directory.resolve(TempFiles.PREFIX + "*-archive"), e);
        }
        return new PendingArchive(directory, name, held, tempFiles, temp, archiveWrites);
    }

    /**
     * Whether the name is taken, by an archive or by anything else (a link, a directory) that a new archive must not
     * replace. {@link #find} and {@link #list} only return regular files.
     */
    @Override
    public boolean contains(BackupName name) {
        return Files.exists(directory.resolve(name.value()), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public List<StoredArchive> list() {
        List<StoredArchive> archives = new ArrayList<>();
        for (Path entry : entries()) {
            String name = entry.getFileName().toString();
            if (BackupName.isArchiveName(name)) {
                FileSystemArchive.at(directory, new BackupName(name)).ifPresent(archives::add);
            }
        }
        archives.sort(Comparator.comparing(archive -> archive.info().name().value()));
        return archives;
    }

    @Override
    public Optional<StoredArchive> find(BackupName name) {
        return FileSystemArchive.at(directory, name);
    }

    @Override
    public void delete(BackupName name, RepositoryLock lock) {
        requireHeld(lock);
        Path archive = directory.resolve(name.value());
        Path sidecar = directory.resolve(name.sidecarName());
        Path deleting = archive;
        try {
            Files.deleteIfExists(archive);
            deleting = sidecar;
            Files.deleteIfExists(sidecar);
        } catch (IOException e) {
            throw new UnavailableException("cannot delete " + deleting + " from repository " + directory + ": "
                    + IoFailures.describe(e), e);
        }
        PrivateFiles.syncDirectory(directory);
    }

    @Override
    public long usableSpace() {
        try {
            return Files.getFileStore(directory).getUsableSpace();
        } catch (IOException e) {
            throw new UnavailableException("cannot tell the free space of repository " + directory + ": "
                    + IoFailures.describe(e), e);
        }
    }

    @Override
    public ScratchSpace openScratch() {
        return new RepositoryScratch(directory, tempFiles);
    }

    private HeldLock requireHeld(RepositoryLock lock) {
        if (lock instanceof HeldLock held && held.guards(directory)) {
            return held;
        }
        throw new IllegalStateException("changing repository " + directory + " needs its lock, taken with lock() "
                + "and still held");
    }

    private List<Path> entries() {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            throw new UnavailableException("cannot list repository " + directory + ": " + IoFailures.describe(e), e);
        }
        return entries;
    }

    private static boolean isOfDeadProcess(String fileName) {
        OptionalLong pid = TempFiles.ownerPid(fileName);
        return pid.isPresent() && !ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
    }

    private boolean isLoneSidecar(String fileName) {
        if (!fileName.endsWith(BackupName.SUFFIX + BackupName.SIDECAR_SUFFIX)) {
            return false;
        }
        String archive = fileName.substring(0, fileName.length() - BackupName.SIDECAR_SUFFIX.length());
        return BackupName.isArchiveName(archive) && !Files.exists(directory.resolve(archive), LinkOption.NOFOLLOW_LINKS);
    }
}
