package dev.lifeboat.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.contract.ChildJvm;
import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.model.HostIdentity;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.RepositoryLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two lifeboat processes of this host on one S3 repository: this JVM and a child JVM. */
class S3CrossProcessLockTest {

    private static final String COMMAND = "backup of sqlite:/srv/app.db";

    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    private S3Bucket bucket;
    private BackupRepository repository;

    @BeforeEach
    void openRepository() {
        bucket = S3.newRepositoryBucket();
        repository = new S3RepositoryProvider().open(location(), S3.server().settings(), true);
    }

    @Test
    void aLockHeldByAnotherProcessIsRefusedNamingThatProcess() {
        try (ChildJvm child = S3LockChildMain.start(S3.server(), "hold", location(), COMMAND)) {
            String host = lockedBy(child);

            assertThatThrownBy(() -> repository.lock(Duration.ZERO, "prune"))
                    .isInstanceOf(LockedException.class)
                    .hasMessageStartingWith("repository " + location() + " is locked by " + COMMAND + " (pid "
                            + child.pid() + " on host " + host + ", started ")
                    .hasMessageEndingWith("; wait for it to finish or pass --lock-timeout");
            assertThat(host).isEqualTo(HostIdentity.local().name());
        }
    }

    @Test
    void aWaiterGetsTheLockOnceTheOtherProcessReleasesIt() throws Exception {
        try (ChildJvm child = S3LockChildMain.start(S3.server(), "hold", location(), COMMAND)) {
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
    void aHolderKilledWithSigkillLeavesALockTakenOverAtOnceAndNamed() {
        long childPid;
        try (ChildJvm child = S3LockChildMain.start(S3.server(), "hold", location(), COMMAND)) {
            lockedBy(child);
            childPid = child.pid();
            child.kill();
        }
        assertThat(S3.lockContent(bucket).pid()).isEqualTo(childPid);

        try (RepositoryLock lock = repository.lock(Duration.ZERO, "prune")) {
            assertThat(lock.tookOverFrom()).hasValueSatisfying(previous -> {
                assertThat(previous.pid()).isEqualTo(childPid);
                assertThat(previous.command()).isEqualTo(COMMAND);
            });
        }
    }

    @Test
    void aHolderStoppedWithSigtermReleasesItsLockOnTheWayOut() {
        try (ChildJvm child = S3LockChildMain.start(S3.server(), "hold", location(), COMMAND)) {
            lockedBy(child);
            child.terminate();
        }

        assertThat(S3.get(bucket, S3LockObject.NAME)).isNull();
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "prune")) {
            assertThat(lock.tookOverFrom()).isEmpty();
        }
    }

    @Test
    void aRefusedAttemptOfAnotherProcessLeavesTheLockWithItsHolder() {
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "backup of app")) {
            try (ChildJvm child = S3LockChildMain.start(S3.server(), "try", location())) {
                assertThat(child.nextLine()).startsWith("locked-out repository " + location() + " is locked by "
                        + "backup of app (pid " + ProcessHandle.current().pid() + " on host "
                        + HostIdentity.local().name() + ", started ");
                assertThat(child.exitCode()).isEqualTo(4);
            }
            assertThat(S3.lockContent(bucket).command()).isEqualTo("backup of app");
        }
        try (ChildJvm child = S3LockChildMain.start(S3.server(), "try", location())) {
            assertThat(child.nextLine()).isEqualTo("acquired by " + child.pid());
            assertThat(child.exitCode()).isZero();
        }
    }

    private String location() {
        return bucket.location().toString();
    }

    /** Waits for the child to hold the lock and returns the host it says it runs on. */
    private static String lockedBy(ChildJvm child) {
        String line = child.nextLine();
        assertThat(line).startsWith("locked " + child.pid() + " ");
        return line.substring(("locked " + child.pid() + " ").length());
    }
}
