package dev.lifeboat.adapter.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.port.out.BackupRepository;
import dev.lifeboat.domain.port.out.ScratchSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoversTest {

    private static final String ARCHIVE = "app_2026-11-24T10-58-24Z.lifeboat.tar";

    @TempDir
    Path directory;

    private BackupRepository repository;

    @BeforeEach
    void openRepository() {
        repository = new FileSystemRepositoryProvider().open(directory.toString(), false);
    }

    @Test
    void removesAndNamesTheFilesOfADeadProcessAndLoneSidecars() throws IOException {
        long deadPid = pidOfAFinishedProcess();
        String deadArchive = TempFiles.PREFIX + deadPid + "-0123456789abcdef-archive";
        String deadDatabase = TempFiles.PREFIX + deadPid + "-fedcba9876543210-snapshot";
        String deadWal = deadDatabase + "-wal";
        String loneSidecar = "gone_2026-11-24T10-58-24Z.lifeboat.tar.sha256";
        for (String name : new String[] {deadArchive, deadDatabase, deadWal, loneSidecar, ARCHIVE, ARCHIVE + ".sha256"}) {
            Files.writeString(directory.resolve(name), "x");
        }

        assertThat(repository.removeLeftovers()).containsExactlyInAnyOrder(deadArchive, deadDatabase, deadWal,
                loneSidecar);

        assertThat(Permissions.namesIn(directory)).containsExactly(ARCHIVE, ARCHIVE + ".sha256");
        assertThat(repository.removeLeftovers()).isEmpty();
    }

    @Test
    void keepsTheFilesOfALiveProcess() {
        try (ScratchSpace scratch = repository.openScratch()) {
            Path inUse = scratch.newFile("spool");

            assertThat(repository.removeLeftovers()).isEmpty();

            assertThat(inUse).exists();
        }
    }

    @Test
    void keepsFilesThatOnlyLookLikeLeftovers() throws IOException {
        String[] names = {TempFiles.PREFIX + "notapid-archive", ".lifeboat-tmp", "notes.sha256",
                "not an archive.lifeboat.tar.sha256"};
        for (String name : names) {
            Files.writeString(directory.resolve(name), "x");
        }

        assertThat(repository.removeLeftovers()).isEmpty();

        assertThat(Permissions.namesIn(directory)).containsExactlyInAnyOrder(names);
    }

    @Test
    void removesALinkLeftAtATemporaryNameButNotWhatItPointsTo() throws IOException {
        Path precious = Files.writeString(directory.resolve("precious.txt"), "keep me");
        String link = TempFiles.PREFIX + pidOfAFinishedProcess() + "-0123456789abcdef-archive";
        Files.createSymbolicLink(directory.resolve(link), precious);

        assertThat(repository.removeLeftovers()).containsExactly(link);

        assertThat(precious).hasContent("keep me");
    }

    private static long pidOfAFinishedProcess() {
        try {
            Process process = new ProcessBuilder("true").start();
            process.waitFor();
            return process.pid();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
