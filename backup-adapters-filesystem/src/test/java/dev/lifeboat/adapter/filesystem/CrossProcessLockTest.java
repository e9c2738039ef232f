package dev.lifeboat.adapter.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.contract.ChildJvm;
import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.model.HostIdentity;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.RepositoryLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two lifeboat processes on one repository: this JVM and a child JVM. */
class CrossProcessLockTest {

    private static final String COMMAND = "backup of sqlite:/srv/app.db";

    @TempDir
    Path directory;

    private BackupRepository repository;

    @BeforeEach
    void openRepository() {
        repository = new FileSystemRepositoryProvider().open(directory.toString(), false);
    }

    @Test
    void aLockHeldByAnotherProcessIsRefusedNamingThatProcess() {
        try (ChildJvm child = LockChildMain.start("hold", directory, COMMAND)) {
            String host = lockedBy(child);

            assertThatThrownBy(() -> repository.lock(Duration.ZERO, "prune"))
                    .isInstanceOf(LockedException.class)
                    .hasMessageStartingWith("repository " + directory + " is locked by " + COMMAND + " (pid "
                            + child.pid() + " on host " + host + ", started ")
                    .hasMessageEndingWith("; wait for it to finish or pass --lock-timeout");
            assertThat(host).isEqualTo(HostIdentity.local().name());
        }
    }

    @Test
    void aWaiterGetsTheLockOnceTheOtherProcessReleasesIt() throws Exception {
        try (ChildJvm child = LockChildMain.start("hold", directory, COMMAND)) {
            lockedBy(child);
            CompletableFuture<RepositoryLock> waiter = CompletableFuture.supplyAsync(
                    () -> repository.lock(Duration.ofMinutes(5), "prune"));

            child.tell("release");

            assertThat(child.nextLine()).isEqualTo("released");
            try (RepositoryLock lock = waiter.get(60, TimeUnit.SECONDS)) {
                assertThat(lock.holder().command()).isEqualTo("prune");
                assertThat(lock.tookOverFrom()).isEmpty();
            }
        }
    }

    @Test
    void aHolderKilledWithSigkillLeavesALockTakenAtOnceAndNamed() {
        long childPid;
        try (ChildJvm child = LockChildMain.start("hold", directory, COMMAND)) {
            lockedBy(child);
            childPid = child.pid();
            child.kill();
        }

        try (RepositoryLock lock = repository.lock(Duration.ZERO, "prune")) {
            assertThat(lock.tookOverFrom()).hasValueSatisfying(previous -> {
                assertThat(previous.pid()).isEqualTo(childPid);
                assertThat(previous.command()).isEqualTo(COMMAND);
            });
        }
    }

    @Test
    void aRefusedSecondAttemptInThisProcessDoesNotReleaseTheLockItHolds() {
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "backup of app")) {
            assertThatThrownBy(() -> repository.lock(Duration.ZERO, "again")).isInstanceOf(LockedException.class);
            assertThat(lock.holder().command()).isEqualTo("backup of app");

            try (ChildJvm child = LockChildMain.start("try", directory)) {
                assertThat(child.nextLine())
                        .startsWith("locked-out repository " + directory + " is locked by backup of app (pid "
                                + ProcessHandle.current().pid() + " on host " + HostIdentity.local().name()
                                + ", started ");
                assertThat(child.exitCode()).isEqualTo(4);
            }
        }
        try (ChildJvm child = LockChildMain.start("try", directory)) {
            assertThat(child.nextLine()).isEqualTo("acquired by " + child.pid());
            assertThat(child.exitCode()).isZero();
        }
    }

    /** Waits for the child to hold the lock and returns the host it says it runs on. */
    private static String lockedBy(ChildJvm child) {
        String line = child.nextLine();
        assertThat(line).startsWith("locked " + child.pid() + " ");
        return line.substring(("locked " + child.pid() + " ").length());
    }
}
