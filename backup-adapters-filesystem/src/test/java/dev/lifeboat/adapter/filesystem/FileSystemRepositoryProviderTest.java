package dev.lifeboat.adapter.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.port.out.BackupRepository;
import dev.lifeboat.domain.port.out.BackupRepositoryProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void createsTheDirectoryAndItsParentsReadableByTheOwnerOnly() {
        Path directory = temp.resolve("a/b/repo");

        BackupRepository repository = provider.open(directory.toString(), true);

        assertThat(repository.location()).isEqualTo(directory.toString());
        assertThat(Permissions.of(directory)).isEqualTo("rwx------");
        assertThat(Permissions.of(temp.resolve("a/b"))).isEqualTo("rwx------");
        assertThat(Permissions.of(temp.resolve("a"))).isEqualTo("rwx------");
    }

    @Test
    void leavesTheModeOfAnExistingDirectoryAlone() throws IOException {
        Path directory = Files.createDirectory(temp.resolve("shared"));
        Files.setPosixFilePermissions(directory, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));

        provider.open(directory.toString(), true);

        assertThat(Permissions.of(directory)).isEqualTo("rwxr-x---");
    }

    @Test
    void locationIsAbsoluteAndNormalized() {
        Path directory = temp.resolve("repo");

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
                .hasMessageContaining(file.toString());
    }

    @Test
    void aRepositoryWhosePathRunsThroughARegularFileIsNotWritable() throws IOException {
        Path file = Files.writeString(temp.resolve("notes.txt"), "not a directory");
        Path directory = file.resolve("repo");

        assertThatThrownBy(() -> provider.open(directory.toString(), true))
                .isInstanceOf(UnavailableException.class)
                .hasMessageStartingWith("repository " + directory + " is not writable: ");
    }

    @Test
    void aFileUriWithoutAnAbsolutePathIsAUsageError() {
        assertThatThrownBy(() -> provider.open("file:backups", true))
                .isInstanceOf(InvalidUsageException.class)
                .hasMessageContaining("file:///");
    }
}
