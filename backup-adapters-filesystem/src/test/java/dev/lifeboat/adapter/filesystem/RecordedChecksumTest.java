package dev.lifeboat.adapter.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.StoredArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sidecar of an archive copied in by hand or checked with sha256sum, as a user would. */
class RecordedChecksumTest {

    private static final BackupName NAME = new BackupName("app_2026-11-24T10-58-24Z.lifeboat.tar");

    @TempDir
    Path directory;

    private BackupRepository repository;
    private String systemSha256;

    @BeforeEach
    void placeAnArchive() throws IOException {
        Files.writeString(directory.resolve(NAME.value()), "archive bytes");
        repository = new FileSystemRepositoryProvider().open(directory.toString(), false);
        systemSha256 = Processes.run(directory, "sha256sum", NAME.value()).output().substring(0, 64);
    }

    @Test
    void readsASidecarWrittenBySha256sumInTextMode() throws IOException {
        Files.writeString(directory.resolve(NAME.sidecarName()),
                Processes.run(directory, "sha256sum", NAME.value()).output());

        assertThat(archive().recordedSha256()).contains(systemSha256);
    }

    @Test
    void readsASidecarWrittenBySha256sumInBinaryMode() throws IOException {
        String line = Processes.run(directory, "sha256sum", "--binary", NAME.value()).output();
        assertThat(line).contains(" *" + NAME.value());
        Files.writeString(directory.resolve(NAME.sidecarName()), line);

        assertThat(archive().recordedSha256()).contains(systemSha256);
    }

    @Test
    void readsUpperCaseHex() throws IOException {
        Files.writeString(directory.resolve(NAME.sidecarName()), systemSha256.toUpperCase() + "  " + NAME.value());

        assertThat(archive().recordedSha256()).contains(systemSha256);
    }

    @Test
    void noSidecarMeansNothingRecorded() {
        assertThat(archive().recordedSha256()).isEmpty();
    }

    @Test
    void refusesASidecarForAnotherFile() throws IOException {
        Files.writeString(directory.resolve(NAME.sidecarName()), systemSha256 + "  other.lifeboat.tar\n");

        assertThatThrownBy(() -> archive().recordedSha256())
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("other.lifeboat.tar");
    }

    @Test
    void refusesAMalformedSidecar() throws IOException {
        Files.writeString(directory.resolve(NAME.sidecarName()), "not a checksum  " + NAME.value() + "\n");

        assertThatThrownBy(() -> archive().recordedSha256())
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining(NAME.sidecarName());
    }

    @Test
    void refusesASidecarOfSeveralLines() throws IOException {
        String line = systemSha256 + "  " + NAME.value() + "\n";
        Files.writeString(directory.resolve(NAME.sidecarName()), line + line);

        assertThatThrownBy(() -> archive().recordedSha256()).isInstanceOf(VerificationFailedException.class);
    }

    @Test
    void refusesAHugeSidecarWithoutReadingIt() throws IOException {
        Files.write(directory.resolve(NAME.sidecarName()), new byte[10 * 1024 * 1024]);

        assertThatThrownBy(() -> archive().recordedSha256())
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("larger than");
    }

    @Test
    void refusesASidecarThatIsASymbolicLink() throws IOException {
        Path elsewhere = Files.writeString(directory.resolve("elsewhere.txt"), systemSha256 + "  " + NAME.value());
        Files.createSymbolicLink(directory.resolve(NAME.sidecarName()), elsewhere);

        assertThatThrownBy(() -> archive().recordedSha256()).isInstanceOf(VerificationFailedException.class);
    }

    private StoredArchive archive() {
        return repository.find(NAME).orElseThrow();
    }
}
