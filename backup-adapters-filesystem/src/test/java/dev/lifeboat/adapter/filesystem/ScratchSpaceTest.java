package dev.lifeboat.adapter.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.model.HostIdentity;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.ScratchSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchSpaceTest {

    @TempDir
    Path directory;

    private BackupRepository repository;

    @BeforeEach
    void openRepository() {
        repository = new FileSystemRepositoryProvider().open(directory.toString(), false);
    }

    @Test
    void newFilesAreEmptyPrivateAndHiddenInTheRepository() throws IOException {
        try (ScratchSpace scratch = repository.openScratch()) {
            Path file = scratch.newFile("snapshot");

            assertThat(file.getParent()).isEqualTo(directory);
            assertThat(file.getFileName().toString())
                    .matches("\\.lifeboat-tmp-" + ProcessHandle.current().pid() + "\\.[0-9a-f]{8}-[0-9a-f]{16}-snapshot")
                    .startsWith(TempFiles.PREFIX + ProcessHandle.current().pid() + "." + HostIdentity.local().id()
                            + "-");
            assertThat(Files.size(file)).isZero();
            assertThat(Permissions.of(file)).isEqualTo("rw-------");
            assertThat(repository.list()).isEmpty();
        }
    }

    @Test
    void thePurposeIsMadeSafeForAFileName() {
        try (ScratchSpace scratch = repository.openScratch()) {
            assertThat(scratch.newFile("Restore/../DB copy").getFileName().toString()).endsWith("-restore-db-copy");
            assertThat(scratch.newFile("../../..").getFileName().toString()).endsWith("-file");
            assertThat(scratch.newFile("x".repeat(500)).getFileName().toString()).endsWith("-" + "x".repeat(40));
        }
        assertThat(Permissions.namesIn(directory)).isEmpty();
    }

    @Test
    void closingDeletesEveryFileMadeAndTheFilesNamedAfterThem() throws IOException {
        Path unrelated = Files.writeString(directory.resolve("notes.txt"), "mine");
        List<Path> made = new ArrayList<>();
        try (ScratchSpace otherRun = repository.openScratch()) {
            Path othersFile = otherRun.newFile("restore");
            try (ScratchSpace scratch = repository.openScratch()) {
                Path database = scratch.newFile("restore");
                made.add(database);
                made.add(scratch.newFile("spool"));
                Files.writeString(database, "database");
                for (String suffix : new String[] {"-wal", "-shm", "-journal", ".lock", "~"}) {
                    made.add(Files.writeString(database.resolveSibling(database.getFileName() + suffix), "x"));
                }
            }

            assertThat(made).allSatisfy(path -> assertThat(path).doesNotExist());
            assertThat(Permissions.namesIn(directory)).containsExactlyInAnyOrder(
                    unrelated.getFileName().toString(), othersFile.getFileName().toString());
        }
        assertThat(Permissions.namesIn(directory)).containsExactly(unrelated.getFileName().toString());
    }

    @Test
    void aClosedSpaceMakesNoMoreFiles() {
        ScratchSpace scratch = repository.openScratch();
        scratch.close();

        assertThatThrownBy(() -> scratch.newFile("late")).isInstanceOf(IllegalStateException.class);
    }

}
