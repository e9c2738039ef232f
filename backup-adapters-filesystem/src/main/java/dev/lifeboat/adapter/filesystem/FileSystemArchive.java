package dev.lifeboat.adapter.filesystem;

import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.ArchiveInfo;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.ChecksumLine;
import dev.lifeboat.domain.spi.IoFailures;
import dev.lifeboat.domain.spi.StoredArchive;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Optional;

/** An archive file in a repository directory, with the sidecar beside it. */
final class FileSystemArchive implements StoredArchive {

    private final Path repository;
    private final Path file;
    private final ArchiveInfo info;

    private FileSystemArchive(Path repository, Path file, ArchiveInfo info) {
        this.repository = repository;
        this.file = file;
        this.info = info;
    }

    /** The archive with the given name if a regular file (not a link, not a directory) has that name. */
    static Optional<StoredArchive> at(Path repository, BackupName name) {
        Path file = repository.resolve(name.value());
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new FileSystemArchive(repository, file, new ArchiveInfo(name, file.toString(),
                    attributes.size(), attributes.lastModifiedTime().toInstant())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw RepositoryIoFailures.readFailure(repository, file, e);
        }
    }

    @Override
    public ArchiveInfo info() {
        return info;
    }

    @Override
    public SeekableByteChannel open() {
        try {
            if (!isRegularFile(file)) {
                throw new UnavailableException("archive " + file + " was replaced by something that is not a regular "
                        + "file after it was listed; look at what is there now");
            }
            return FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new UnavailableException("archive " + file + " is gone: it was deleted or moved after it was "
                    + "listed", e);
        } catch (IOException e) {
            throw RepositoryIoFailures.readFailure(repository, file, e);
        }
    }

    @Override
    public Optional<String> recordedSha256() {
        Path sidecar = file.resolveSibling(info.name().sidecarName());
        byte[] content;
        try {
            if (!isRegularFile(sidecar)) {
                throw new VerificationFailedException("the checksum file " + sidecar + " is not a regular file (a "
                        + "link, a directory or a pipe); it was replaced: remove it, or restore it from a copy");
            }
            try (FileChannel channel = FileChannel.open(sidecar, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                content = readAtMost(channel, ChecksumLine.MAX_BYTES + 1);
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new VerificationFailedException("the checksum file " + sidecar + " cannot be read ("
                    + IoFailures.describe(e) + "); it must be a regular file written by lifeboat or sha256sum", e);
        }
        return Optional.of(ChecksumLine.parse(content, info.name(), sidecar.toString()).sha256());
    }

    /** None: reading the manifest from a local archive is cheap. */
    @Override
    public Optional<String> manifestCopy() {
        return Optional.empty();
    }

    @Override
    public Optional<String> verificationRecord() {
        Path record = file.resolveSibling(info.name().verificationRecordName());
        try {
            return VerificationRecordFile.read(record);
        } catch (IOException e) {
            throw new UnavailableException("cannot read the verification record " + record + ": "
                    + IoFailures.describe(e), e);
        }
    }

    /**
     * Checked before opening: opening a named pipe planted at the name would wait for a writer forever, and a link could
     * lead anywhere.
     *
     * @throws NoSuchFileException when nothing has the name
     */
    private static boolean isRegularFile(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isRegularFile();
    }

    private static byte[] readAtMost(FileChannel channel, int limit) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(limit);
        for (int n = 0; n >= 0 && buffer.hasRemaining(); ) {
            n = channel.read(buffer);
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }
}
