package dev.lifeboat.adapter.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.InsufficientSpaceException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.spi.NewArchive;
import dev.lifeboat.domain.spi.RepositoryLock;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk fills up, or fails, while an archive is written: the user is told which, and no partial file stays. */
class WriteFailureTest {

    private static final BackupName NAME = new BackupName("app_2026-11-24T10-58-24Z.lifeboat.tar");

    @TempDir
    Path directory;

    private RepositoryLock lock;

    @AfterEach
    void releaseLock() {
        if (lock != null) {
            lock.close();
        }
    }

    @Test
    void aFullDiskWhileWritingIsReportedAsInsufficientSpaceAndThePartialFileRemoved() throws IOException {
        FileSystemRepository repository = failingAfter(1_000_000,
                () -> new FileSystemException(directory.resolve("x").toString(), null, "No space left on device"));
        lock = repository.lock(Duration.ZERO, "test");

        try (NewArchive archive = repository.create(NAME, lock)) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 100; i++) {
                    archive.output().write(new byte[100_000]);
                }
            }).isInstanceOf(InsufficientSpaceException.class)
                    .hasMessageContaining("the disk holding repository " + directory + " is full")
                    .satisfies(e -> assertThat(((InsufficientSpaceException) e).requiredBytes()).isEqualTo(-1));

            assertThat(Permissions.tempFilesIn(directory)).isEmpty();
            assertThatThrownBy(() -> archive.commit("{}")).isInstanceOf(IllegalStateException.class);
        }
        assertThat(Permissions.namesIn(directory)).containsExactly(LockFile.NAME);
    }

    @Test
    void aFullDiskWhenTheLastBytesAreFlushedAtCommitPublishesNothing() throws IOException {
        FileSystemRepository repository = failingAfter(0, () -> new IOException("No space left on device"));
        lock = repository.lock(Duration.ZERO, "test");

        try (NewArchive archive = repository.create(NAME, lock)) {
            archive.output().write(new byte[1000]);

            assertThatThrownBy(() -> archive.commit("{}")).isInstanceOf(InsufficientSpaceException.class);
        }
        assertThat(Permissions.namesIn(directory)).containsExactly(LockFile.NAME);
    }

    @Test
    void anyOtherWriteFailureSaysTheRepositoryIsNotWritable() throws IOException {
        FileSystemRepository repository = failingAfter(0, () -> new IOException("Input/output error"));
        lock = repository.lock(Duration.ZERO, "test");

        try (NewArchive archive = repository.create(NAME, lock)) {
            assertThatThrownBy(() -> archive.output().write(new byte[1 << 20]))
                    .isInstanceOf(UnavailableException.class)
                    .hasMessageStartingWith("repository " + directory + " is not writable: cannot write " + directory
                            + "/" + TempFiles.PREFIX)
                    .hasMessageEndingWith("Input/output error");
        }
        assertThat(Permissions.namesIn(directory)).containsExactly(LockFile.NAME);
    }

    /** A repository whose archives can take so many bytes before the disk fails. */
    private FileSystemRepository failingAfter(long bytes, Supplier<IOException> failure) {
        return StorageFailingRepository.failingAfter(directory, bytes, failure);
    }
}
