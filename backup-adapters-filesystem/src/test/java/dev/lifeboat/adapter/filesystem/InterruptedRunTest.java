package dev.lifeboat.adapter.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.contract.ChildJvm;
import dev.lifeboat.domain.model.HostIdentity;
import dev.lifeboat.domain.spi.BackupRepository;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that ends in the middle of writing an archive, as a user's Ctrl-C, a service stop or the OOM killer ends it. */
class InterruptedRunTest {

    @TempDir
    Path directory;

    /** The child writes an archive and a scratch file, and a companion named after the scratch file. */
    @Test
    void sigtermRemovesTheTemporaryFilesOfTheRunAndTheirCompanions() {
        try (ChildJvm child = LockChildMain.start("write", directory)) {
            assertThat(child.nextLine()).isEqualTo("ready");
            assertThat(Permissions.tempFilesIn(directory)).hasSize(3);

            child.terminate();
        }

        assertThat(Permissions.tempFilesIn(directory)).isEmpty();
        assertThat(Permissions.namesIn(directory)).containsExactly(LockFile.NAME);
    }

    @Test
    void theFilesLeftBySigkillAreRemovedByTheNextRun() {
        long childPid;
        try (ChildJvm child = LockChildMain.start("write", directory)) {
            assertThat(child.nextLine()).isEqualTo("ready");
            childPid = child.pid();
            child.kill();
        }
        List<String> left = Permissions.tempFilesIn(directory);
        assertThat(left).hasSize(3).allSatisfy(name -> assertThat(name)
                .startsWith(TempFiles.PREFIX + childPid + "." + HostIdentity.local().id() + "-"));
        BackupRepository repository = new FileSystemRepositoryProvider().open(directory.toString(), false);

        assertThat(repository.removeLeftovers()).containsExactlyInAnyOrderElementsOf(left);

        assertThat(Permissions.namesIn(directory)).containsExactly(LockFile.NAME);
    }
}
