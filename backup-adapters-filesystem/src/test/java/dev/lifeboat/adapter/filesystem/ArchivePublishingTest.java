package dev.lifeboat.adapter.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.NewArchive;
import dev.lifeboat.domain.spi.RepositoryLock;
import dev.lifeboat.domain.spi.StoredArchive;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivePublishingTest {

    private static final BackupName NAME = new BackupName("app_2026-11-24T10-58-24Z.lifeboat.tar");

    @TempDir
    Path temp;

    private Path directory;
    private BackupRepository repository;
    private RepositoryLock lock;

    @BeforeEach
    void openRepository() {
        directory = temp.resolve("repo");
        repository = new FileSystemRepositoryProvider().open(directory.toString(), true);
        lock = repository.lock(Duration.ZERO, "test");
    }

    @AfterEach
    void releaseLock() {
        lock.close();
    }

    /** Listing, reading and the recorded checksum are the contract's ({@link FileSystemRepositoryContractTest}). */
    @Test
    void aCommittedArchiveIsAFileNamedByItsLocationWithASidecarThatSha256sumAccepts() throws IOException {
        byte[] data = randomBytes(1_000_003);

        StoredArchive stored = write(NAME, data);

        assertThat(Files.readAllBytes(directory.resolve(NAME.value()))).isEqualTo(data);
        assertThat(stored.info().location()).isEqualTo(directory.resolve(NAME.value()).toString());
        assertThat(Processes.run(directory, "sha256sum", "-c", NAME.sidecarName()))
                .isEqualTo(new Processes.Result(0, NAME.value() + ": OK\n"));
        String systemSha256 = Processes.run(directory, "sha256sum", NAME.value()).output().substring(0, 64);
        assertThat(stored.recordedSha256()).contains(systemSha256);
    }

    @Test
    void archiveSidecarAndTemporaryFileAreReadableByTheOwnerOnly() throws IOException {
        try (NewArchive archive = repository.create(NAME, lock)) {
            archive.output().write(randomBytes(1000));
            assertThat(Permissions.tempFilesIn(directory)).hasSize(1)
                    .allSatisfy(name -> assertThat(Permissions.of(directory.resolve(name))).isEqualTo("rw-------"));
            archive.commit("{}");
        }

        assertThat(Permissions.of(directory.resolve(NAME.value()))).isEqualTo("rw-------");
        assertThat(Permissions.of(directory.resolve(NAME.sidecarName()))).isEqualTo("rw-------");
        assertThat(Permissions.of(directory.resolve(LockFile.NAME))).isEqualTo("rw-------");
    }

    @Test
    void anAbortedArchiveLeavesNoFileAtAll() throws IOException {
        try (NewArchive archive = repository.create(NAME, lock)) {
            archive.output().write(randomBytes(500_000));
        }

        assertThat(Permissions.namesIn(directory)).containsExactly(LockFile.NAME);
        assertThat(repository.list()).isEmpty();
    }

    @Test
    void closingTheOutputStreamBeforeCommitKeepsEverythingWritten() throws IOException {
        byte[] data = randomBytes(70_000);
        try (NewArchive archive = repository.create(NAME, lock)) {
            OutputStream output = archive.output();
            output.write(data, 0, 1);
            output.write(data, 1, data.length - 1);
            output.close();
            archive.commit("{}");
            output.close();
        }

        assertThat(Files.readAllBytes(directory.resolve(NAME.value()))).isEqualTo(data);
        assertThat(Processes.run(directory, "sha256sum", "-c", NAME.sidecarName()).exitCode()).isZero();
    }

    /** A released or forged lock is the contract's; a real lock of another directory is a directory's own case. */
    @Test
    void theLockOfAnotherDirectoryAllowsNoChangeHere() throws IOException {
        write(NAME, new byte[] {1});
        BackupName other = new BackupName("app_2026-11-25T10-58-24Z.lifeboat.tar");
        try (RepositoryLock foreign = new FileSystemRepositoryProvider().open(temp.resolve("other").toString(), true)
                .lock(Duration.ZERO, "elsewhere")) {
            assertThatThrownBy(() -> repository.create(other, foreign)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> repository.delete(NAME, foreign)).isInstanceOf(IllegalStateException.class);
        }

        assertThat(repository.contains(NAME)).isTrue();
        assertThat(repository.contains(other)).isFalse();
    }

    @Test
    void anArchiveCannotBeCommittedAfterItsLockIsReleased() throws IOException {
        NewArchive archive = repository.create(NAME, lock);
        archive.output().write(1);
        lock.close();

        assertThatThrownBy(() -> archive.commit("{}")).isInstanceOf(IllegalStateException.class);
        archive.close();
        lock = repository.lock(Duration.ZERO, "test");
        assertThat(Permissions.namesIn(directory)).containsExactly(LockFile.NAME);
    }

    @Test
    void deleteRemovesTheArchiveAndItsSidecar() throws IOException {
        write(NAME, new byte[] {1});
        BackupName kept = new BackupName("app_2026-11-25T10-58-24Z.lifeboat.tar");
        write(kept, new byte[] {2});

        repository.delete(NAME, lock);

        assertThat(Permissions.namesIn(directory))
                .containsExactly(LockFile.NAME, kept.value(), kept.sidecarName());
        assertThat(repository.list()).extracting(archive -> archive.info().name()).containsExactly(kept);
    }

    @Test
    void listShowsOnlyRegularFilesNamedLikeArchives() throws IOException {
        write(NAME, new byte[] {1});
        Files.createDirectory(directory.resolve("dir_2026-11-24T10-58-24Z.lifeboat.tar"));
        Files.createSymbolicLink(directory.resolve("link_2026-11-24T10-58-24Z.lifeboat.tar"),
                directory.resolve(NAME.value()));
        Files.writeString(directory.resolve("notes.txt"), "hello");
        Files.writeString(directory.resolve(".hidden.lifeboat.tar"), "hello");

        assertThat(repository.list()).extracting(archive -> archive.info().name()).containsExactly(NAME);
        assertThat(repository.find(new BackupName("link_2026-11-24T10-58-24Z.lifeboat.tar"))).isEmpty();
    }

    @Test
    void usableSpaceIsThatOfTheFileSystem() throws IOException {
        assertThat(repository.usableSpace()).isPositive()
                .isLessThanOrEqualTo(Files.getFileStore(directory).getTotalSpace());
    }

    @Test
    void theArchiveTimeIsTheFileTime() throws IOException {
        StoredArchive stored = write(NAME, new byte[] {1});
        Instant fileTime = Files.getLastModifiedTime(directory.resolve(NAME.value())).toInstant();

        assertThat(stored.info().modifiedAt()).isEqualTo(fileTime);
    }

    private StoredArchive write(BackupName name, byte[] data) throws IOException {
        try (NewArchive archive = repository.create(name, lock)) {
            archive.output().write(data);
            return archive.commit("{}");
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
