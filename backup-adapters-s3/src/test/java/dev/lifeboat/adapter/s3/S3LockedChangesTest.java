package dev.lifeboat.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.HostIdentity;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.NewArchive;
import dev.lifeboat.domain.spi.RepositoryLock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A run whose lock another host took over (it found the lease expired) changes nothing more: its commit and its
 * deletes are refused naming the run that has the lock, and nothing half is published.
 */
class S3LockedChangesTest {

    private static final BackupName NAME = new BackupName("app_2026-11-24T10-58-24Z.lifeboat.tar");
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final S3LockOwner OTHER_HOST = new S3LockOwner(
            HostIdentity.local().id().equals("0badc0de") ? "0badc0df" : "0badc0de", "db2",
            ProcessHandle.current().pid());

    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    private S3Bucket bucket;
    private BackupRepository repository;

    @BeforeEach
    void openRepository() {
        bucket = S3.newRepositoryBucket();
        repository = new S3RepositoryProvider().open(bucket.location().toString(), S3.server().settings(), true);
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

        assertThat(S3.names(bucket)).isEmpty();
        assertThat(S3.server().client().listMultipartUploads(request -> request.bucket(bucket.name())).uploads())
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
        assertThat(S3.names(bucket)).hasSize(3);
    }

    /**
     * The run that took the lock over aborted this run's upload as abandoned, so S3 answers this run's next part with
     * NoSuchUpload (here: 404): the user is told the run lost its lock, and to whom, not that a part failed.
     */
    @Test
    void aPartRefusedAfterAnotherRunTookTheLockOverIsReportedAsTheLostLock() throws IOException {
        FailingResponses partsRefused = new FailingResponses("UploadPart"::equals, 404, Integer.MAX_VALUE);
        S3Repository small = TestRepositories.open(S3.server(), bucket.location().toString(), Map.of(),
                List.of(partsRefused), TestRepositories.SMALL_PART_SIZE);
        try (RepositoryLock lock = small.lock(Duration.ZERO, "backup of app");
             NewArchive archive = small.create(NAME, lock)) {
            try (S3Lock other = takeOver()) {
                assertThatThrownBy(() -> archive.output().write(new byte[TestRepositories.SMALL_PART_SIZE + 1]))
                        .isInstanceOf(LockedException.class)
                        .hasMessageStartingWith("this run lost the lock of repository " + bucket.location()
                                + " to prune (pid ");
            }
        }

        assertThat(partsRefused.failed()).isEqualTo(1);
        assertThat(S3.names(bucket)).isEmpty();
    }

    /** Once a renewal found the lock taken over, the run stops before its next part rather than after it. */
    @Test
    void noPartIsSentOnceTheRunKnowsItLostTheLock() throws IOException {
        RecordingInterceptor requests = new RecordingInterceptor();
        S3Repository small = TestRepositories.open(S3.server(), bucket.location().toString(), Map.of(),
                List.of(requests), TestRepositories.SMALL_PART_SIZE);
        try (RepositoryLock lock = small.lock(Duration.ZERO, "backup of app");
             NewArchive archive = small.create(NAME, lock)) {
            try (S3Lock other = takeOver()) {
                ((S3Lock) lock).renew();
                assertThatThrownBy(() -> archive.output().write(new byte[TestRepositories.SMALL_PART_SIZE + 1]))
                        .isInstanceOf(LockedException.class)
                        .hasMessageStartingWith("this run lost the lock of repository " + bucket.location()
                                + " to prune (pid ");
            }
        }

        assertThat(requests.sent("UploadPart")).isEmpty();
        assertThat(S3.server().client().listMultipartUploads(request -> request.bucket(bucket.name())).uploads())
                .isEmpty();
    }

    /** Another host's run that found this run's lease expired, as its clock is moved on past it. */
    private S3Lock takeOver() {
        return new S3LockContender(S3.sameRepository(bucket), OTHER_HOST, LEASE,
                serverTime -> serverTime.plus(LEASE).plusSeconds(1)).acquire(Duration.ZERO, "prune");
    }
}
