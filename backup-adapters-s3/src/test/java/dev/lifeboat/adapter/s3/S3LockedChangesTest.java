package dev.lifeboat.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.port.out.BackupRepository;
import dev.lifeboat.domain.port.out.NewArchive;
import dev.lifeboat.domain.port.out.RepositoryLock;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run whose lock another host took over (it found the lease expired) changes nothing more: its commit and its
 * deletes are refused naming the run that has the lock, and nothing half is published.
 */
class S3LockedChangesTest {

    private static final BackupName NAME = new BackupName("app_2026-11-24T10-58-24Z.lifeboat.tar");
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final S3LockOwner OTHER_HOST = new S3LockOwner(
            LocalHost.id().equals("0badc0de") ? "0badc0df" : "0badc0de", "db2", ProcessHandle.current().pid());

    private static S3TestServer server;
    private S3Bucket bucket;
    private BackupRepository repository;

    @BeforeAll
    static void startServer() {
        server = S3TestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void openRepository() {
        bucket = LockTestBuckets.create(server);
        repository = new S3RepositoryProvider().open(bucket.location().toString(), server.settings(), true);
    }

    @Test
    void aRunWhoseLockWasTakenOverCannotCommitAndLeavesNothingVisible() throws IOException {
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "backup of app");
             NewArchive archive = repository.create(NAME, lock)) {
            archive.output().write(new byte[100_000]);
            try (S3Lock other = takeOver()) {
                assertThatThrownBy(() -> archive.commit("{}"))
                        .isInstanceOf(LockedException.class)
                        .hasMessageStartingWith("this run lost the lock of repository " + bucket.location()
                                + " to prune (pid ");
            }
        }

        assertThat(LockTestBuckets.names(server, bucket)).isEmpty();
        assertThat(server.client().listMultipartUploads(request -> request.bucket(bucket.name())).uploads())
                .isEmpty();
    }

    @Test
    void aRunWhoseLockWasTakenOverCannotStartAnArchiveOrDeleteOne() throws IOException {
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "backup of app")) {
            try (NewArchive archive = repository.create(NAME, lock)) {
                archive.output().write(new byte[1000]);
                archive.commit("{}");
            }
            try (S3Lock other = takeOver()) {
                assertThatThrownBy(() -> repository.delete(NAME, lock)).isInstanceOf(LockedException.class);
                assertThatThrownBy(() -> repository.create(new BackupName("app_2026-11-25T10-58-24Z.lifeboat.tar"),
                        lock)).isInstanceOf(LockedException.class);
            }
        }

        assertThat(repository.contains(NAME)).isTrue();
        assertThat(LockTestBuckets.names(server, bucket)).hasSize(3);
    }

    /** Another host's run that found this run's lease expired, as its clock is moved on past it. */
    private S3Lock takeOver() {
        return new S3LockContender(LockTestBuckets.sameRepository(server, bucket), OTHER_HOST, LEASE,
                serverTime -> serverTime.plus(LEASE).plusSeconds(1)).acquire(Duration.ZERO, "prune");
    }
}
