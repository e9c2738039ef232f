package dev.lifeboat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoreLeftoversTest {

    @TempDir
    Path directory;

    @Test
    void removes_the_files_of_dead_restores_and_keeps_those_of_live_ones_and_everything_else() throws Exception {
        Path target = directory.resolve("app.db");
        long deadPid = deadProcess();
        Path dead = Files.writeString(directory.resolve(".app.db.lifeboat-restore-" + deadPid + "-00ff"), "partial");
        Path live = Files.writeString(directory.resolve(".app.db.lifeboat-restore-"
                + ProcessHandle.current().pid() + "-00ff"), "in use");
        Path oldUnowned = Files.writeString(directory.resolve(".app.db.lifeboat-restore-0123456789abcdef"), "old");
        Files.setLastModifiedTime(oldUnowned, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path newUnowned = Files.writeString(directory.resolve(".app.db.lifeboat-restore-fedcba9876543210"), "new");
        Path otherTarget = Files.writeString(directory.resolve(".other.db.lifeboat-restore-" + deadPid + "-00ff"), "x");
        Path outside = Files.writeString(Files.createDirectory(directory.resolve("outside")).resolve("precious"), "keep");
        Path link = Files.createSymbolicLink(directory.resolve(".app.db.lifeboat-restore-" + deadPid + "-link"), outside);

        assertThat(RestoreLeftovers.removeBeside(target)).singleElement().asString()
                .contains("removed 3 temporary files", "interrupted restore");

        assertThat(dead).doesNotExist();
        assertThat(oldUnowned).doesNotExist();
        assertThat(link).doesNotExist();
        assertThat(outside).hasContent("keep");
        assertThat(live).exists();
        assertThat(newUnowned).exists();
        assertThat(otherTarget).exists();
        assertThat(RestoreLeftovers.removeBeside(target)).isEmpty();
    }

    private static long deadProcess() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }
}
