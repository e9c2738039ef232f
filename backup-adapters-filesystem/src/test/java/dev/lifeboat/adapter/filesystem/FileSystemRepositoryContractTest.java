package dev.lifeboat.adapter.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.contract.BackupRepositoryContract;
import dev.lifeboat.domain.contract.ChildJvm;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.BackupRepositoryProvider;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory repository held to the contract every repository kind meets. What only a directory has (files and
 * their modes, planted links, the sidecar that {@code sha256sum -c} reads, other hosts' temporary files) is tested
 * beside this class.
 */
class FileSystemRepositoryContractTest extends BackupRepositoryContract {

    @TempDir
    Path directory;

    @Override
    protected BackupRepositoryProvider provider() {
        return new FileSystemRepositoryProvider();
    }

    @Override
    protected BackupRepository openRepository(boolean create) {
        return provider().open(directory.toString(), create);
    }

    @Override
    protected BackupRepository openMissingRepository() {
        return provider().open(directory.resolve("missing").toString(), false);
    }

    /**
     * A child JVM starts the archive, a scratch file and a companion beside it, and is killed with SIGKILL: its
     * files stay, its OS lock goes, and a file of this host whose process is gone is a leftover at once.
     */
    @Override
    protected void leaveTracesOfACrashedRun(BackupName name) {
        try (ChildJvm child = LockChildMain.start("write", directory, name.value())) {
            assertThat(child.nextLine()).isEqualTo("ready");
            child.kill();
        }
        assertThat(Permissions.tempFilesIn(directory)).hasSize(3);
    }
}
