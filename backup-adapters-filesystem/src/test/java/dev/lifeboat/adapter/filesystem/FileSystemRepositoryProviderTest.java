package dev.lifeboat.adapter.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.BackupRepositoryProvider;
import dev.lifeboat.domain.spi.ScratchSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemRepositoryProviderTest {

    @TempDir
    Path temp;

    private final BackupRepositoryProvider provider = new FileSystemRepositoryProvider();

    @Test
    void serviceLoaderFindsTheProviderByItsId() {
        assertThat(ServiceLoader.load(BackupRepositoryProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .map(BackupRepositoryProvider::id))
                .containsExactly("filesystem");
    }

    @Test
    void acceptsPathsAndFileUrisButNotOtherSchemes() {
        assertThat(provider.accepts("./backups")).isTrue();
        assertThat(provider.accepts("/var/backups/app")).isTrue();
        assertThat(provider.accepts("backups")).isTrue();
        assertThat(provider.accepts("file:///var/backups")).isTrue();
        assertThat(provider.accepts("FILE:/var/backups")).isTrue();
        assertThat(provider.accepts("s3://bucket/backups")).isFalse();
        assertThat(provider.accepts("sftp://host/backups")).isFalse();
        assertThat(provider.accepts("")).isFalse();
        assertThat(provider.accepts("  ")).isFalse();
    }

    @Test
    void openingForWritingAloneCreatesNothing() {
        Path directory = temp.resolve("a/b/repo");

        BackupRepository repository = provider.open(directory.toString(), true);

        assertThat(repository.location()).isEqualTo(directory.toString());
        assertThat(temp.resolve("a")).doesNotExist();
    }

    @Test
    void aRepositoryNotCreatedYetReadsAsEmptyWithoutBeingCreated() throws IOException {
        Path directory = temp.resolve("a/b/repo");
        BackupRepository repository = provider.open(directory.toString(), true);
        BackupName name = new BackupName("app_2026-11-24T10-58-24Z.lifeboat.tar");

        assertThat(repository.list()).isEmpty();
        assertThat(repository.find(name)).isEmpty();
        assertThat(repository.contains(name)).isFalse();
        assertThat(repository.removeLeftovers()).isEmpty();
        assertThat(repository.usableSpace()).isPositive()
                .isLessThanOrEqualTo(Files.getFileStore(temp).getTotalSpace());

        assertThat(temp.resolve("a")).doesNotExist();
    }

    @Test
    void theFirstLockCreatesTheDirectoryAndItsParentsReadableByTheOwnerOnly() {
        Path directory = temp.resolve("a/b/repo");
        BackupRepository repository = provider.open(directory.toString(), true);

        repository.lock(Duration.ZERO, "backup").close();

        assertThat(Permissions.of(directory)).isEqualTo("rwx------");
        assertThat(Permissions.of(temp.resolve("a/b"))).isEqualTo("rwx------");
        assertThat(Permissions.of(temp.resolve("a"))).isEqualTo("rwx------");
        assertThat(Permissions.namesIn(directory)).containsExactly(LockFile.NAME);
    }

    @Test
    void theFirstScratchSpaceCreatesTheDirectory() {
        Path directory = temp.resolve("repo");
        BackupRepository repository = provider.open(directory.toString(), true);

        try (ScratchSpace scratch = repository.openScratch()) {
            assertThat(scratch.newFile("spool").getParent()).isEqualTo(directory);
        }

        assertThat(Permissions.of(directory)).isEqualTo("rwx------");
    }

    @Test
    void aDirectoryThatCannotBeCreatedAtTheFirstWriteIsNotWritable() throws IOException {
        Path directory = temp.resolve("a/repo");
        BackupRepository repository = provider.open(directory.toString(), true);
        Files.writeString(temp.resolve("a"), "a file took the name meanwhile");

        assertThatThrownBy(() -> repository.lock(Duration.ZERO, "backup"))
                .isInstanceOf(UnavailableException.class)
                .hasMessageStartingWith("repository " + directory + " is not writable: cannot create the directory: ");
        assertThat(temp.resolve("a")).isRegularFile();
    }

    @Test
    void aRepositoryThatIsALinkToADirectoryIsWrittenThere() throws IOException {
        Path target = Files.createDirectory(temp.resolve("disk"));
        Path link = Files.createSymbolicLink(temp.resolve("repo"), target);
        BackupRepository repository = provider.open(link.toString(), true);

        repository.lock(Duration.ZERO, "backup").close();

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Permissions.namesIn(target)).containsExactly(LockFile.NAME);
    }

    @Test
    void aLinkToSomethingMissingOnThePathIsRefusedAtOnce() throws IOException {
        Path link = Files.createSymbolicLink(temp.resolve("mnt"), temp.resolve("unmounted"));
        Path directory = link.resolve("backups");

        assertThatThrownBy(() -> provider.open(directory.toString(), true))
                .isInstanceOf(UnavailableException.class)
                .hasMessageStartingWith("repository " + directory + " is not writable: " + link
                        + " is a symbolic link to something that does not exist");
        assertThat(temp.resolve("unmounted")).doesNotExist();
    }

    @Test
    void leavesTheModeOfAnExistingDirectoryAlone() throws IOException {
        Path directory = Files.createDirectory(temp.resolve("shared"));
        Files.setPosixFilePermissions(directory, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));

        provider.open(directory.toString(), true);

        assertThat(Permissions.of(directory)).isEqualTo("rwxr-x---");
    }

    @Test
    void locationIsAbsoluteAndNormalized() throws IOException {
        Path directory = Files.createDirectory(temp.resolve("repo"));

        assertThat(provider.open(temp.resolve("x/../repo").toString(), true).location())
                .isEqualTo(directory.toString());
        assertThat(provider.open(directory.toUri().toString(), false).location()).isEqualTo(directory.toString());
    }

    @Test
    void refusesToOpenAMissingDirectoryForReading() {
        Path missing = temp.resolve("missing");

        assertThatThrownBy(() -> provider.open(missing.toString(), false))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
        assertThat(missing).doesNotExist();
    }

    @Test
    void refusesAFileThatIsNotADirectory() throws IOException {
        Path file = Files.writeString(temp.resolve("notes.txt"), "not a repository");

        assertThatThrownBy(() -> provider.open(file.toString(), false))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a directory");
        assertThatThrownBy(() -> provider.open(file.toString(), true))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a directory");
    }

    @Test
    void aRepositoryWhosePathRunsThroughARegularFileIsNotWritable() throws IOException {
        Path file = Files.writeString(temp.resolve("notes.txt"), "not a directory");
        Path directory = file.resolve("repo");

        assertThatThrownBy(() -> provider.open(directory.toString(), true))
                .isInstanceOf(UnavailableException.class)
                .hasMessageStartingWith("repository " + directory + " is not writable: cannot create the directory: "
                        + file + " is not a directory");
    }

    @Test
    void aFileUriWithoutAnAbsolutePathIsAUsageError() {
        assertThatThrownBy(() -> provider.open("file:backups", true))
                .isInstanceOf(InvalidUsageException.class)
                .hasMessageContaining("file:///");
    }
}
