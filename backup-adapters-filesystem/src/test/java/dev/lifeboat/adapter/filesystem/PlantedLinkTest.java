package dev.lifeboat.adapter.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.RefusedException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.HostIdentity;
import dev.lifeboat.domain.spi.NewArchive;
import dev.lifeboat.domain.spi.RepositoryLock;
import dev.lifeboat.domain.spi.ScratchSpace;
import dev.lifeboat.domain.spi.StoredArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone who can write into the repository plants a symbolic link where lifeboat is about to write, hoping it
 * writes through the link into a file of theirs choosing. It never does. Nor does it read through a link, or wait
 * forever on a named pipe planted where it reads.
 */
class PlantedLinkTest {

    private static final BackupName NAME = new BackupName("app_2026-11-24T10-58-24Z.lifeboat.tar");
    /** How this process's temporary files are named, up to the random part. */
    private static final String OWN_PREFIX = TempFiles.PREFIX + ProcessHandle.current().pid() + "."
            + HostIdentity.local().id() + "-";

    @TempDir
    Path temp;

    private Path directory;
    private Path victim;
    private FileSystemRepository repository;
    private RepositoryLock lock;

    @BeforeEach
    void openRepository() throws IOException {
        directory = Files.createDirectory(temp.resolve("repo"));
        victim = Files.writeString(temp.resolve("victim.txt"), "precious");
        Iterator<String> tokens = List.of("planted", "fresh1", "fresh2", "fresh3").iterator();
        repository = new FileSystemRepository(RepositoryDirectory.existing(directory), new TempFiles(tokens::next), UnaryOperator.identity());
        lock = repository.lock(Duration.ZERO, "test");
    }

    @AfterEach
    void releaseLock() {
        lock.close();
    }

    @Test
    void aLinkAtTheTemporaryArchiveNameIsNotFollowed() throws IOException {
        Path link = plantLink(OWN_PREFIX + "planted-archive");

        try (NewArchive archive = repository.create(NAME, lock)) {
            archive.output().write(new byte[200_000]);
            archive.commit("{}");
        }

        assertThat(victim).hasContent("precious");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.size(directory.resolve(NAME.value()))).isEqualTo(200_000);
        assertThat(Processes.run(directory, "sha256sum", "-c", NAME.sidecarName()).exitCode()).isZero();
    }

    @Test
    void aLinkAtTheTemporarySidecarNameIsNotFollowed() throws IOException {
        Iterator<String> tokens = List.of("archive1", "planted", "fresh").iterator();
        repository = new FileSystemRepository(RepositoryDirectory.existing(directory), new TempFiles(tokens::next), UnaryOperator.identity());
        plantLink(OWN_PREFIX + "planted-sha256");

        try (NewArchive archive = repository.create(NAME, lock)) {
            archive.output().write(new byte[10]);
            archive.commit("{}");
        }

        assertThat(victim).hasContent("precious");
        assertThat(Processes.run(directory, "sha256sum", "-c", NAME.sidecarName()).exitCode()).isZero();
    }

    @Test
    void aLinkAtAScratchFileNameIsNotFollowed() throws IOException {
        plantLink(OWN_PREFIX + "planted-snapshot");

        try (ScratchSpace scratch = repository.openScratch()) {
            Path file = scratch.newFile("snapshot");
            Files.writeString(file, "scratch data");

            assertThat(file.getFileName().toString()).isEqualTo(OWN_PREFIX + "fresh1-snapshot");
            assertThat(Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).isTrue();
        }
        assertThat(victim).hasContent("precious");
    }

    @Test
    void aLinkAtTheArchiveNameTakesTheNameAndIsLeftAlone() throws IOException {
        Path link = plantLink(NAME.value());

        assertThat(repository.contains(NAME)).isTrue();
        assertThat(repository.find(NAME)).isEmpty();
        assertThat(repository.list()).isEmpty();
        assertThatThrownBy(() -> repository.create(NAME, lock)).isInstanceOf(RefusedException.class);

        assertThat(victim).hasContent("precious");
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void aLinkPlantedAtTheArchiveNameWhileWritingIsNotReplacedNorFollowed() throws IOException {
        try (NewArchive archive = repository.create(NAME, lock)) {
            archive.output().write(new byte[10]);
            Path link = plantLink(NAME.value());

            assertThatThrownBy(() -> archive.commit("{}")).isInstanceOf(RefusedException.class);

            assertThat(Files.isSymbolicLink(link)).isTrue();
        }
        assertThat(victim).hasContent("precious");
        assertThat(Permissions.namesIn(directory)).containsExactly(LockFile.NAME, NAME.value());
    }

    @Test
    void aLinkAtTheSidecarNameIsReplacedNotFollowed() throws IOException {
        plantLink(NAME.sidecarName());

        try (NewArchive archive = repository.create(NAME, lock)) {
            archive.output().write(new byte[10]);
            archive.commit("{}");
        }

        assertThat(victim).hasContent("precious");
        assertThat(Files.isRegularFile(directory.resolve(NAME.sidecarName()), LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(Processes.run(directory, "sha256sum", "-c", NAME.sidecarName()).exitCode()).isZero();
    }

    @Test
    void aLinkAtTheLockFileIsNotFollowed() throws IOException {
        lock.close();
        Files.delete(directory.resolve(LockFile.NAME));
        plantLink(LockFile.NAME);

        assertThatThrownBy(() -> repository.lock(Duration.ZERO, "test"))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining(LockFile.NAME)
                .hasMessageContaining("is a symbolic link");

        assertThat(victim).hasContent("precious");
        Files.delete(directory.resolve(LockFile.NAME));
        lock = repository.lock(Duration.ZERO, "test");
    }

    @Test
    void aLinkAtTheSidecarNameOfAStoredArchiveIsNotRead() throws IOException {
        StoredArchive stored = writeArchive();
        Files.delete(directory.resolve(NAME.sidecarName()));
        plantLink(NAME.sidecarName());

        assertThatThrownBy(stored::recordedSha256)
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining(NAME.sidecarName())
                .hasMessageContaining("not a regular file");
    }

    /** Opening a named pipe for reading waits for a writer, forever if none comes. */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aPipePlantedAtTheSidecarNameIsReportedNotWaitedOn() throws IOException {
        StoredArchive stored = writeArchive();
        Files.delete(directory.resolve(NAME.sidecarName()));
        assertThat(Processes.run(directory, "mkfifo", NAME.sidecarName()).exitCode()).isZero();

        assertThatThrownBy(stored::recordedSha256)
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("not a regular file");
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aPipeThatReplacedAListedArchiveIsReportedNotWaitedOn() throws IOException {
        StoredArchive stored = writeArchive();
        Files.delete(directory.resolve(NAME.value()));
        assertThat(Processes.run(directory, "mkfifo", NAME.value()).exitCode()).isZero();

        assertThatThrownBy(stored::open)
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("not a regular file");
    }

    private StoredArchive writeArchive() throws IOException {
        try (NewArchive archive = repository.create(NAME, lock)) {
            archive.output().write(new byte[10]);
            return archive.commit("{}");
        }
    }

    private Path plantLink(String name) throws IOException {
        return Files.createSymbolicLink(directory.resolve(name), victim);
    }
}
