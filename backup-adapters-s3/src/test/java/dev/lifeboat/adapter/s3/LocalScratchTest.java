package dev.lifeboat.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.contract.FinishedProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalScratchTest {

    @TempDir
    Path temporary;

    @Test
    void filesAreCreatedPrivateInAPrivateDirectoryThatClosingRemovesWithEverythingInIt() throws IOException {
        Path directory;
        try (LocalScratch scratch = LocalScratch.create(temporary)) {
            directory = scratch.directory();
            Path snapshot = scratch.newFile("restored database");
            Files.writeString(snapshot.resolveSibling(snapshot.getFileName() + "-wal"), "a companion");

            assertThat(directory.getParent()).isEqualTo(temporary);
            assertThat(directory.getFileName().toString()).startsWith("lifeboat-s3-scratch-"
                    + ProcessHandle.current().pid() + "-");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(snapshot))).isEqualTo("rw-------");
            assertThat(snapshot.getFileName().toString()).endsWith("restored-database");
            assertThat(scratch.newFile("restored database")).isNotEqualTo(snapshot);
        }

        assertThat(directory).doesNotExist();
    }

    @Test
    void aClosedScratchSpaceMakesNoFiles() {
        LocalScratch scratch = LocalScratch.create(temporary);
        scratch.close();

        assertThatThrownBy(() -> scratch.newFile("x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theSweepRemovesDirectoriesOfRunsThatAreGoneAndKeepsThoseOfRunsAlive() throws Exception {
        long gone = FinishedProcess.pid();
        Path dead = Files.createDirectory(temporary.resolve("lifeboat-s3-scratch-" + gone + "-123"));
        Files.writeString(dead.resolve("1-snapshot"), "left behind");
        Path mine = Files.createDirectory(temporary.resolve("lifeboat-s3-scratch-" + ProcessHandle.current().pid()
                + "-456"));
        Path unrelated = Files.createDirectory(temporary.resolve("lifeboat-s3-scratchy"));

        assertThat(LocalScratch.removeLeftovers(temporary)).containsExactly(dead.getFileName().toString());

        assertThat(dead).doesNotExist();
        assertThat(mine).exists();
        assertThat(unrelated).exists();
    }
}
