package dev.lifeboat.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.contract.FinishedProcess;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.HostIdentity;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.NewArchive;
import dev.lifeboat.domain.spi.RepositoryLock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/** What interrupted runs leave in a bucket, found and removed by a later run holding the lock. */
class S3LeftoversTest {

    private static final String ARCHIVE = "app_2026-11-24T10-58-24Z.lifeboat.tar";
    private static final String OTHER_ARCHIVE = "app_2026-11-25T10-58-24Z.lifeboat.tar";
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final HostIdentity THIS_HOST = HostIdentity.local();

    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    private final InitiatedTimes initiated = new InitiatedTimes();
    private S3Bucket bucket;

    @BeforeEach
    void createBucket() {
        bucket = S3.newRepositoryBucket(initiated);
    }

    @Test
    void uploadsStartedMoreThanADayAgoAreAbortedAndNamedOthersKept() {
        Instant dayAndHourAgo = Instant.now().minus(Duration.ofHours(25)).truncatedTo(ChronoUnit.MILLIS);
        String old = startUpload(ARCHIVE, dayAndHourAgo);
        String recent = startUpload(OTHER_ARCHIVE, Instant.now().minus(Duration.ofHours(23)));

        try (S3Lock lock = S3Lock.acquire(bucket, LEASE, Duration.ZERO, "backup")) {
            assertThat(S3Leftovers.remove(bucket)).containsExactly(ARCHIVE + " (incomplete upload started "
                    + dayAndHourAgo.truncatedTo(ChronoUnit.SECONDS) + ")");
        }

        assertThat(uploadIds()).containsExactly(recent).doesNotContain(old);
        assertThat(S3Leftovers.remove(bucket)).isEmpty();
    }

    /** The age is judged by the server's clock; a clock moved on a day finds a fresh upload abandoned. */
    @Test
    void theAgeOfAnUploadIsJudgedByTheServersClock() {
        startUpload(ARCHIVE, Optional.empty());

        assertThat(new S3Leftovers(bucket).remove()).isEmpty();
        assertThat(new S3Leftovers(bucket, serverTime -> serverTime.plus(Duration.ofHours(25))).remove())
                .singleElement().asString().startsWith(ARCHIVE + " (incomplete upload started ");

        assertThat(uploadIds()).isEmpty();
    }

    @Test
    void afterATakeoverFromADeadHolderItsUploadsAreAbortedButNotTheNewHoldersOwn() throws IOException {
        String deadRuns = startUpload(ARCHIVE, Instant.now().minus(Duration.ofHours(1)));
        S3LockContent dead = S3LockContent.taken(new S3LockOwner(THIS_HOST.id(), THIS_HOST.name(),
                FinishedProcess.pid()), "backup", LEASE, Instant.now());
        S3.put(bucket, S3LockObject.NAME, dead.encode());
        S3Repository repository = TestRepositories.open(S3.server(), bucket.location().toString());

        try (RepositoryLock lock = repository.lock(Duration.ZERO, "backup");
             NewArchive ours = repository.create(new BackupName(OTHER_ARCHIVE), lock)) {
            assertThat(lock.tookOverFrom()).contains(dead.holder());

            assertThat(S3Leftovers.remove(bucket)).singleElement().asString()
                    .startsWith(ARCHIVE + " (incomplete upload started ");

            assertThat(uploadIds()).hasSize(1).doesNotContain(deadRuns);
        }
    }

    /**
     * The takeover's time is the server's Date, in whole seconds: a dead run's upload started within that second (a
     * run restarted at once after a crash) was still started before the takeover, and is aborted; the new holder's
     * own upload, started within the same second, is not.
     */
    @Test
    void aDeadHoldersUploadStartedInTheSecondOfTheTakeoverIsAbortedTheNewHoldersOwnIsNot() throws IOException {
        String deadRuns = startUpload(ARCHIVE, Optional.empty());
        S3LockContent dead = S3LockContent.taken(new S3LockOwner(THIS_HOST.id(), THIS_HOST.name(),
                FinishedProcess.pid()), "backup", LEASE, Instant.now());
        S3.put(bucket, S3LockObject.NAME, dead.encode());
        S3Repository repository = TestRepositories.open(S3.server(), bucket.location().toString(), Map.of(),
                List.of(initiated), S3Repository.DEFAULT_PART_SIZE);

        try (RepositoryLock lock = repository.lock(Duration.ZERO, "backup");
             NewArchive ours = repository.create(new BackupName(OTHER_ARCHIVE), lock)) {
            Instant withinTheTakeoversSecond = ((S3Lock) lock).takenOverAt().orElseThrow().plusMillis(500);
            initiated.set(deadRuns, withinTheTakeoversSecond);
            String oursId = uploadIds().stream().filter(id -> !id.equals(deadRuns)).findFirst().orElseThrow();
            initiated.set(oursId, withinTheTakeoversSecond);

            assertThat(repository.removeLeftovers()).containsExactly(ARCHIVE + " (incomplete upload started "
                    + withinTheTakeoversSecond.truncatedTo(ChronoUnit.SECONDS) + ")");

            assertThat(uploadIds()).containsExactly(oursId);
        }
    }

    @Test
    void aLockTakenFreeAbortsNoUploadOfLessThanADay() {
        String earlier = startUpload(ARCHIVE, Instant.now().minus(Duration.ofHours(1)));

        try (S3Lock lock = S3Lock.acquire(bucket, LEASE, Duration.ZERO, "backup")) {
            assertThat(lock.tookOverFrom()).isEmpty();
            assertThat(S3Leftovers.remove(bucket)).isEmpty();
        }

        assertThat(uploadIds()).containsExactly(earlier);
    }

    @Test
    void loneSidecarsAndManifestCopiesAreRemovedAnArchivesCompanionsStay() {
        String lone = "gone_2026-11-24T10-58-24Z.lifeboat.tar";
        put(ARCHIVE, ARCHIVE + ".sha256", ARCHIVE + ".manifest.json", lone + ".sha256", OTHER_ARCHIVE
                + ".manifest.json");

        assertThat(S3Leftovers.remove(bucket)).containsExactly(OTHER_ARCHIVE + ".manifest.json", lone + ".sha256");

        assertThat(S3.names(bucket)).containsExactly(ARCHIVE, ARCHIVE + ".manifest.json", ARCHIVE + ".sha256");
    }

    /** A commit writes the sidecar and the manifest copy before it completes the upload. */
    @Test
    void theCompanionsOfAnUploadLeftAloneStayThoseOfAnAbandonedOneGoWithIt() {
        startUpload(ARCHIVE, Instant.now().minus(Duration.ofHours(2)));
        String abandoned = startUpload(OTHER_ARCHIVE, Instant.now().minus(Duration.ofHours(30)));
        put(ARCHIVE + ".sha256", ARCHIVE + ".manifest.json", OTHER_ARCHIVE + ".sha256",
                OTHER_ARCHIVE + ".manifest.json");

        List<String> removed = S3Leftovers.remove(bucket);

        assertThat(removed).hasSize(3).contains(OTHER_ARCHIVE + ".manifest.json", OTHER_ARCHIVE + ".sha256");
        assertThat(removed.get(0)).startsWith(OTHER_ARCHIVE + " (incomplete upload started ");
        assertThat(S3.names(bucket)).containsExactly(ARCHIVE + ".manifest.json", ARCHIVE + ".sha256");
        assertThat(uploadIds()).hasSize(1).doesNotContain(abandoned);
    }

    @Test
    void whatIsNotTheRepositorysIsNeverTouched() {
        Instant longAgo = Instant.now().minus(Duration.ofDays(3));
        startUpload("sub/" + ARCHIVE, longAgo);
        startUpload("notes.txt", longAgo);
        put("sub/" + ARCHIVE + ".sha256", "notes.sha256", "not an archive.lifeboat.tar.sha256", ".lifeboat.tar.sha256",
                ARCHIVE + ".sha256.manifest.json", ARCHIVE + ".md5");
        S3.server().client().putObject(request -> request.bucket(bucket.name()).key("prodx/" + ARCHIVE + ".sha256"),
                RequestBody.fromString("x"));
        S3.server().client().putObject(request -> request.bucket(bucket.name()).key(ARCHIVE + ".sha256"),
                RequestBody.fromString("x"));

        assertThat(S3Leftovers.remove(bucket)).isEmpty();

        assertThat(uploadIds()).hasSize(2);
        assertThat(S3.names(bucket)).hasSize(6);
        assertThat(S3.server().client().listObjectsV2(request -> request.bucket(bucket.name())).keyCount())
                .isEqualTo(8);
    }

    @Test
    void theRepositoryRemovesItsLeftoversThroughThePort() {
        put(ARCHIVE + ".sha256");
        BackupRepository repository = new S3RepositoryProvider().open(bucket.location().toString(),
                S3.server().settings(), true);

        try (var lock = repository.lock(Duration.ZERO, "prune")) {
            assertThat(repository.removeLeftovers()).containsExactly(ARCHIVE + ".sha256");
        }

        assertThat(S3.names(bucket)).isEmpty();
    }

    private String startUpload(String name, Instant startedAt) {
        return startUpload(name, Optional.of(startedAt));
    }

    /** Starts a multipart upload with a part, as a run that goes no further leaves it. */
    private String startUpload(String name, Optional<Instant> startedAt) {
        String key = bucket.key(name);
        String uploadId = S3.server().client().createMultipartUpload(request -> request.bucket(bucket.name()).key(key))
                .uploadId();
        S3.server().client().uploadPart(request -> request.bucket(bucket.name()).key(key).uploadId(uploadId)
                .partNumber(1), RequestBody.fromString("the first part of an archive"));
        startedAt.ifPresent(time -> initiated.set(uploadId, time));
        return uploadId;
    }

    private List<String> uploadIds() {
        return S3.server().client().listMultipartUploads(request -> request.bucket(bucket.name())).uploads().stream()
                .map(MultipartUpload::uploadId).toList();
    }

    private void put(String... names) {
        for (String name : names) {
            S3.put(bucket, name, "x");
        }
    }
}
