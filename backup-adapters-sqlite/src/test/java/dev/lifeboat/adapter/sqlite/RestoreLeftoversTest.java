package dev.lifeboat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.model.HostIdentity;
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

    @Test
    void this_machines_files_are_judged_by_their_process_and_another_machines_by_their_age() throws Exception {
        Path target = directory.resolve("app.db");
        String here = HostIdentity.local().id();
        String elsewhere = here.equals("00000000") ? "11111111" : "00000000";
        long deadPid = deadProcess();
        Path dead = Files.writeString(directory.resolve(".app.db.lifeboat-restore-" + deadPid + "." + here + "-00ff"),
                "partial");
        Path own = Files.writeString(RestoreLeftovers.ownFile(target, "0aff"), "in use");
        // the same pid, in another pid namespace or on another machine sharing the directory: another process
        Path otherMachines = Files.writeString(directory.resolve(".app.db.lifeboat-restore-" + deadPid + "."
                + elsewhere + "-00ff"), "a restore elsewhere, in use");
        Path quietElsewhere = Files.writeString(directory.resolve(".app.db.lifeboat-restore-" + deadPid + "."
                + elsewhere + "-0bff"), "a restore elsewhere, killed a day ago");
        Files.setLastModifiedTime(quietElsewhere, FileTime.from(Instant.now().minus(Duration.ofHours(25))));

        assertThat(RestoreLeftovers.removeBeside(target)).singleElement().asString()
                .contains("removed 2 temporary files");

        assertThat(dead).doesNotExist();
        assertThat(quietElsewhere).doesNotExist();
        assertThat(own).exists();
        assertThat(otherMachines).exists();
        assertThat(own.getFileName().toString()).startsWith(".app.db.lifeboat-restore-"
                + ProcessHandle.current().pid() + "." + here + "-");
    }

    private static long deadProcess() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }
}
