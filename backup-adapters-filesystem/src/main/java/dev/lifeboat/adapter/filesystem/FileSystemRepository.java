package dev.lifeboat.adapter.filesystem;

import dev.lifeboat.domain.error.RefusedException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.IoFailures;
import dev.lifeboat.domain.spi.NewArchive;
import dev.lifeboat.domain.spi.RepositoryLock;
import dev.lifeboat.domain.spi.ScratchSpace;
import dev.lifeboat.domain.spi.StoredArchive;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A repository in a local directory: {@code <name>.lifeboat.tar} archives, each with a {@code <name>.lifeboat.tar.sha256}
 * sidecar and, once verified, a {@code <name>.lifeboat.tar.verified} record of the last verification, the {@code .lifeboat.lock} lock file, and hidden {@code .lifeboat-tmp-*} files of runs in progress.
 */
final class FileSystemRepository implements BackupRepository {

    private final RepositoryDirectory directory;
    private final TempFiles tempFiles;
    private final UnaryOperator<WritableByteChannel> archiveWrites;

    FileSystemRepository(RepositoryDirectory directory) {
        this(directory, new TempFiles(), UnaryOperator.identity());
    }

    /**
     * @param tempFiles     names temporary files; tests choose the names to plant files in the way
     * @param archiveWrites what an archive's bytes pass through on the way to disk; tests make it fail
     */
    FileSystemRepository(RepositoryDirectory directory, TempFiles tempFiles,
                         UnaryOperator<WritableByteChannel> archiveWrites) {
        this.directory = directory;
        this.tempFiles = tempFiles;
        this.archiveWrites = archiveWrites;
    }

    @Override
    public String location() {
        return directory.path().toString();
    }

    @Override
    public RepositoryLock lock(Duration timeout, String command) {
        return LockFile.acquire(directory.forWrite(), timeout, command);
    }

    /**
     * Removes temporary files of crashed runs and sidecars whose archive is gone; see {@link Leftovers}. A file of a
     * run still going (a concurrent verify's scratch files) stays.
     */
    @Override
    public List<String> removeLeftovers() {
        Path path = directory.path();
        List<String> removed = new ArrayList<>();
        for (Path leftover : Leftovers.among(path, directory.entries(), Instant.now())) {
            try {
                if (!Files.isDirectory(leftover, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(leftover)) {
                    removed.add(leftover.getFileName().toString());
                }
            } catch (IOException e) {
                throw new UnavailableException("cannot remove " + leftover + ", left in repository " + path
                        + " by an interrupted run: " + IoFailures.describe(e) + "; remove it by hand", e);
            }
        }
        if (!removed.isEmpty()) {
            PrivateFiles.syncDirectory(path);
        }
        removed.sort(Comparator.naturalOrder());
        return removed;
    }

    @Override
    public NewArchive create(BackupName name, RepositoryLock lock) {
        HeldLock held = requireHeld(lock);
        Path path = directory.forWrite();
        if (contains(name)) {
            throw new RefusedException("repository " + path + " already has something named " + name
                    + "; lifeboat never replaces an archive");
        }
        TempFiles.Created temp;
        try {
            temp = tempFiles.create(path, "archive");
        } catch (IOException e) {
            throw RepositoryIoFailures.writeFailure(path, path.resolve(TempFiles.PREFIX + "*-archive"), e);
        }
        return new PendingArchive(path, name, held, tempFiles, temp, archiveWrites);
    }

    /**
     * Whether the name is taken, by an archive or by anything else (a link, a directory) that a new archive must not
     * replace. {@link #find} and {@link #list} only return regular files.
     */
    @Override
    public boolean contains(BackupName name) {
        return Files.exists(directory.path().resolve(name.value()), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public List<StoredArchive> list() {
        List<StoredArchive> archives = new ArrayList<>();
        for (Path entry : directory.entries()) {
            String name = entry.getFileName().toString();
            if (BackupName.isArchiveName(name)) {
                FileSystemArchive.at(directory.path(), new BackupName(name)).ifPresent(archives::add);
            }
        }
        archives.sort(Comparator.comparing(archive -> archive.info().name().value()));
        return archives;
    }

    @Override
    public Optional<StoredArchive> find(BackupName name) {
        return FileSystemArchive.at(directory.path(), name);
    }

    @Override
    public boolean delete(BackupName name, RepositoryLock lock) {
        requireHeld(lock);
        Path path = directory.forWrite();
        Path archive = path.resolve(name.value());
        Path sidecar = path.resolve(name.sidecarName());
        Path record = path.resolve(name.verificationRecordName());
        Path deleting = archive;
        try {
            Files.deleteIfExists(archive);
            deleting = sidecar;
            Files.deleteIfExists(sidecar);
            deleting = record;
            Files.deleteIfExists(record);
        } catch (IOException e) {
            throw new UnavailableException("cannot delete " + deleting + " from repository " + path + ": "
                    + IoFailures.describe(e), e);
        }
        PrivateFiles.syncDirectory(path);
        return true;
    }

    /** See {@link VerificationRecordFile}. */
    @Override
    public void recordVerification(BackupName name, String document) {
        Path path = directory.path();
        Path record = path.resolve(name.verificationRecordName());
        try {
            VerificationRecordFile.write(path, record, document, tempFiles);
        } catch (IOException e) {
            throw RepositoryIoFailures.writeFailure(path, record, e);
        }
    }

    @Override
    public long usableSpace() {
        return directory.usableSpace();
    }

    @Override
    public ScratchSpace openScratch() {
        return new RepositoryScratch(directory.forWrite(), tempFiles);
    }

    private HeldLock requireHeld(RepositoryLock lock) {
        if (lock instanceof HeldLock held && held.guards(directory.path())) {
            return held;
        }
        throw new IllegalStateException("changing repository " + directory.path() + " needs its lock, taken with "
                + "lock() and still held");
    }
}
