package dev.lifeboat.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.contract.FinishedProcess;
import dev.lifeboat.domain.error.ExitStatus;
import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.error.OperationInterruptedException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.HostIdentity;
import dev.lifeboat.domain.model.LockHolder;
import dev.lifeboat.domain.model.RepositorySettings;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.RepositoryLock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The lock object in a real S3 server, taken by this process and by processes of simulated other hosts. */
class S3LockTest {

    private static final long PID = ProcessHandle.current().pid();
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final String OTHER_HOST_ID = HostIdentity.local().id().equals("0badc0de") ? "0badc0df" : "0badc0de";
    /** A process of another host; its pid, this process's, says nothing about it here. */
    private static final S3LockOwner OTHER_HOST = new S3LockOwner(OTHER_HOST_ID, "db2", PID);

    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    private S3Bucket bucket;

    @BeforeEach
    void createBucket() {
        bucket = S3.newRepositoryBucket();
    }

    @Test
    void theHolderIsThisProcessAndTheLockObjectNamesItUntilReleased() {
        Instant before = Instant.now().minusSeconds(1);
        try (RepositoryLock lock = S3Lock.acquire(bucket, LEASE, Duration.ZERO, "backup of sqlite:/srv/app.db")) {
            LockHolder holder = lock.holder();
            assertThat(holder.pid()).isEqualTo(PID);
            assertThat(holder.host()).isEqualTo(HostIdentity.local().name());
            assertThat(holder.command()).isEqualTo("backup of sqlite:/srv/app.db");
            assertThat(holder.startedAt()).isAfter(before).isBeforeOrEqualTo(Instant.now());
            assertThat(lock.tookOverFrom()).isEmpty();

            S3LockContent written = S3.lockContent(bucket);
            assertThat(written.holder()).isEqualTo(holder);
            assertThat(written.hostId()).isEqualTo(HostIdentity.local().id());
            assertThat(written.lease()).isEqualTo(LEASE);
        }

        assertThat(S3.get(bucket, S3LockObject.NAME)).isNull();
    }

    @Test
    void aSecondLockInTheSameProcessIsRefusedNamingTheHolder() {
        try (RepositoryLock lock = S3Lock.acquire(bucket, LEASE, Duration.ZERO, "backup of app")) {
            assertThatThrownBy(() -> S3Lock.acquire(bucket, LEASE, Duration.ZERO, "prune"))
                    .isInstanceOfSatisfying(LockedException.class,
                            e -> assertThat(e.status()).isEqualTo(ExitStatus.LOCKED))
                    .hasMessage("repository " + bucket.location() + " is locked by backup of app (pid " + PID
                            + " on host " + HostIdentity.local().name() + ", started " + lock.holder().startedAt()
                            + "); wait for it to finish or pass --lock-timeout");
            S3Bucket sameRepository = S3.sameRepository(bucket);
            assertThatThrownBy(() -> S3Lock.acquire(sameRepository, LEASE, Duration.ofMillis(300), "prune"))
                    .isInstanceOf(LockedException.class);
            assertThat(S3.lockContent(bucket).command()).isEqualTo("backup of app");
        }

        try (RepositoryLock again = S3Lock.acquire(bucket, LEASE, Duration.ZERO, "prune")) {
            assertThat(again.tookOverFrom()).isEmpty();
        }
    }

    @Test
    void releasingTwiceIsHarmless() {
        RepositoryLock lock = S3Lock.acquire(bucket, LEASE, Duration.ZERO, "first");
        lock.close();
        lock.close();

        try (RepositoryLock again = S3Lock.acquire(bucket, LEASE, Duration.ZERO, "second")) {
            assertThat(S3.lockContent(bucket).command()).isEqualTo("second");
        }
    }

    @Test
    void aRunInterruptedWhileHoldingTheLockStillReleasesIt() {
        RepositoryLock lock = S3Lock.acquire(bucket, LEASE, Duration.ZERO, "backup of app");
        Thread.currentThread().interrupt();
        try {
            lock.close();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }

        assertThat(S3.get(bucket, S3LockObject.NAME)).isNull();
    }

    @Test
    void aWaiterGetsTheLockOnceItIsReleased() throws Exception {
        RepositoryLock first = S3Lock.acquire(bucket, LEASE, Duration.ZERO, "first");
        CompletableFuture<RepositoryLock> waiter = CompletableFuture.supplyAsync(
                () -> otherHost(LEASE).acquire(Duration.ofMinutes(5), "second"));
        first.close();

        try (RepositoryLock second = waiter.get(60, TimeUnit.SECONDS)) {
            assertThat(second.holder().command()).isEqualTo("second");
            assertThat(second.tookOverFrom()).isEmpty();
        }
    }

    @Test
    void aLockOfAProcessOfThisHostThatIsGoneIsTakenOverAtOnceAndNamed() {
        HostIdentity thisHost = HostIdentity.local();
        S3LockContent dead = plant(new S3LockOwner(thisHost.id(), thisHost.name(), FinishedProcess.pid()),
                "backup of sqlite:/srv/app.db", LEASE);

        try (S3Lock lock = S3Lock.acquire(bucket, LEASE, Duration.ZERO, "restore")) {
            assertThat(lock.tookOverFrom()).contains(dead.holder());
            assertThat(lock.takenOverAt()).isPresent();
            assertThat(S3.lockContent(bucket).command()).isEqualTo("restore");
        }
    }

    /** A pid is reused: the process that has it now started after the lock was taken, so it is not the holder. */
    @Test
    void aLockWhosePidNowBelongsToALaterProcessIsTakenOver() {
        Instant thisProcessStarted = ProcessHandle.current().info().startInstant().orElseThrow();
        S3LockContent old = S3LockContent.taken(S3LockOwner.thisProcess(), "backup of app", LEASE,
                thisProcessStarted.minus(Duration.ofHours(1)));
        S3.put(bucket, S3LockObject.NAME, old.encode());

        try (S3Lock lock = S3Lock.acquire(bucket, LEASE, Duration.ZERO, "restore")) {
            assertThat(lock.tookOverFrom()).contains(old.holder());
        }
    }

    /** The pid of another host's process says nothing here: it may be the pid of a live process of this host. */
    @Test
    void anotherHostsLockIsRefusedWhileItsLeaseRunsWhateverItsPid() {
        plant(new S3LockOwner(OTHER_HOST_ID, "db2", FinishedProcess.pid()), "backup of app", LEASE);

        assertThatThrownBy(() -> S3Lock.acquire(bucket, LEASE, Duration.ZERO, "prune"))
                .isInstanceOf(LockedException.class)
                .hasMessageStartingWith("repository " + bucket.location() + " is locked by backup of app (pid ");
        assertThat(contenderAt(Duration.ofMinutes(4)).tryAcquire()).isFalse();
        assertThat(S3.lockContent(bucket).command()).isEqualTo("backup of app");
    }

    /**
     * Two machines with the same host name (clones) tell each other apart by the host-name setting: a lock of a
     * process gone on "host-a" is stale at once on host-a, and held for its lease on host-b.
     */
    @Test
    void theHostNameSettingDecidesWhichHostALockBelongsTo() {
        S3LockContent dead = plant(new S3LockOwner(S3LockOwner.thisHostAs("host-a").id(), "host-a",
                FinishedProcess.pid()), "backup of app", LEASE);
        BackupRepository onHostB = repositoryOn("host-b");
        BackupRepository onHostA = repositoryOn("host-a");

        assertThatThrownBy(() -> onHostB.lock(Duration.ZERO, "prune"))
                .isInstanceOf(LockedException.class)
                .hasMessageContaining("on host host-a");
        try (RepositoryLock lock = onHostA.lock(Duration.ZERO, "prune")) {
            assertThat(lock.tookOverFrom()).contains(dead.holder());
            assertThat(lock.holder().host()).isEqualTo("host-a");
            assertThat(S3.lockContent(bucket).hostId()).isEqualTo(S3LockOwner.thisHostAs("host-a").id())
                    .isNotEqualTo(HostIdentity.local().id());
        }
    }

    @Test
    void anotherHostsLockIsTakenOverOnceItsLeaseHasExpiredByTheServersClock() {
        S3LockContent stale = plant(OTHER_HOST, "backup of app", LEASE);

        try (S3Lock lock = new S3LockContender(bucket, S3LockOwner.thisProcess(), LEASE,
                serverTime -> serverTime.plus(LEASE).plusSeconds(1)).acquire(Duration.ZERO, "prune")) {
            assertThat(lock.tookOverFrom()).contains(stale.holder());
            assertThat(S3.lockContent(bucket).hostId()).isEqualTo(HostIdentity.local().id());
        }
    }

    /** The holder's lease counts, not the one the run that finds it is configured with. */
    @Test
    void theLeaseJudgedIsTheOneTheHolderWrote() {
        plant(OTHER_HOST, "backup of app", Duration.ofHours(1));

        assertThat(contenderAt(Duration.ofMinutes(30)).tryAcquire()).isFalse();
    }

    @Test
    void aLockWhoseHolderStopsRenewingExpiresInRealTime() {
        S3LockContent stale = plant(OTHER_HOST, "backup of app", Duration.ofSeconds(2));

        try (RepositoryLock lock = S3Lock.acquire(bucket, LEASE, Duration.ofMinutes(1), "prune")) {
            assertThat(lock.tookOverFrom()).contains(stale.holder());
        }
    }

    @Test
    void renewalKeepsALiveHoldersLockPastItsLease() throws InterruptedException {
        Duration lease = Duration.ofSeconds(3);
        try (S3Lock lock = new S3LockContender(bucket, S3LockOwner.thisProcess(), lease).acquire(Duration.ZERO,
                "backup of app")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (S3.lockContent(bucket).renewal() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(S3.lockContent(bucket).renewal()).as("renewals").isGreaterThanOrEqualTo(4);

            assertThatThrownBy(() -> otherHost(lease).acquire(Duration.ZERO, "prune"))
                    .isInstanceOf(LockedException.class)
                    .hasMessageContaining("locked by backup of app (pid " + PID);
            lock.requireHeld(bucket);
        }
    }

    @Test
    void aHolderWhoseLockWasTakenOverCannotChangeTheRepositoryAndLearnsWhoHasIt() {
        S3Lock first = S3Lock.acquire(bucket, LEASE, Duration.ZERO, "backup of app");
        try (S3Lock second = new S3LockContender(bucket, OTHER_HOST, LEASE, serverTime -> serverTime.plus(LEASE)
                .plusSeconds(1)).acquire(Duration.ZERO, "prune")) {
            assertThat(second.tookOverFrom()).contains(first.holder());
            String expected = "this run lost the lock of repository " + bucket.location() + " to prune (pid " + PID
                    + " on host db2, started " + second.holder().startedAt() + "), which took it over; nothing more "
                    + "is written to the repository: check the connection to the service (or raise lock-lease above "
                    + "this host's longest pause) and run again";

            assertThatThrownBy(() -> first.requireHeld(bucket))
                    .isInstanceOf(LockedException.class).hasMessage(expected);
            assertThatThrownBy(() -> S3Lock.requireHeld(first, bucket))
                    .isInstanceOf(LockedException.class).hasMessage(expected);
            assertThatThrownBy(() -> first.guards(bucket)).isInstanceOf(LockedException.class);
            first.renew();
            first.close();

            S3LockContent now = S3.lockContent(bucket);
            assertThat(now.command()).isEqualTo("prune");
            assertThat(now.hostId()).isEqualTo(OTHER_HOST_ID);
            assertThat(second.guards(bucket)).isTrue();
        } finally {
            first.close();
        }
    }

    /**
     * A holder paused for longer than its lease (a suspended VM, SIGSTOP; here its renewals are held up) whose lock
     * another run took over and released meanwhile learns why it lost the lock.
     */
    @Test
    void aHolderPausedPastItsLeaseLearnsThatItsLeaseRanOut() throws InterruptedException {
        Duration lease = Duration.ofSeconds(1);
        try (S3Lock lock = new S3LockContender(bucket, S3LockOwner.thisProcess(), lease).acquire(Duration.ZERO,
                "backup of app")) {
            synchronized (lock) {
                Thread.sleep(lease.toMillis() + 500);
                S3.server().client().deleteObject(request -> request.bucket(bucket.name())
                        .key(bucket.key(S3LockObject.NAME)));
            }

            assertThatThrownBy(() -> lock.requireHeld(bucket)).isInstanceOf(LockedException.class)
                    .hasMessage("this run lost the lock of repository " + bucket.location() + ": this run's lease of "
                            + "1s ran out before it could renew it (it was paused, or cut off from the service, for "
                            + "longer), and another run took the lock over since, or it was removed; nothing more is "
                            + "written to the repository: check the connection to the service (or raise lock-lease "
                            + "above this host's longest pause) and run again");
        }
    }

    @Test
    void aLockObjectRemovedByHandIsALostLock() {
        try (S3Lock lock = S3Lock.acquire(bucket, LEASE, Duration.ZERO, "backup of app")) {
            S3.server().client().deleteObject(request -> request.bucket(bucket.name()).key(bucket.key(
                    S3LockObject.NAME)));

            assertThatThrownBy(() -> lock.requireHeld(bucket))
                    .isInstanceOf(LockedException.class)
                    .hasMessageStartingWith("the lock of repository " + bucket.location() + " was removed while "
                            + "this run held it; nothing more is written");
            try (RepositoryLock next = S3Lock.acquire(bucket, LEASE, Duration.ZERO, "prune")) {
                assertThat(next.tookOverFrom()).isEmpty();
            }
        }
    }

    @Test
    void aChangeNeedsAHeldLockOfThisVeryRepository() {
        S3Bucket otherRepository = S3.newRepositoryBucket();
        S3Lock lock = S3Lock.acquire(bucket, LEASE, Duration.ZERO, "backup of app");
        try (lock) {
            assertThat(lock.guards(bucket)).isTrue();
            assertThat(lock.guards(otherRepository)).isFalse();
            assertThatThrownBy(() -> S3Lock.requireHeld(lock, otherRepository))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("changing repository " + otherRepository.location() + " needs its lock, taken with "
                            + "lock() and still held");
            assertThat(S3Lock.requireHeld(lock, S3.sameRepository(bucket))).isSameAs(lock);
        }

        assertThat(lock.guards(bucket)).isFalse();
        assertThatThrownBy(() -> S3Lock.requireHeld(lock, bucket)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anUnreadableLockObjectIsNamedAsSuchAndTakenOverOnceExpired() {
        S3.put(bucket, S3LockObject.NAME, "garbage");

        assertThatThrownBy(() -> S3Lock.acquire(bucket, LEASE, Duration.ZERO, "prune"))
                .isInstanceOf(LockedException.class)
                .hasMessageStartingWith("repository " + bucket.location() + " is locked by a run whose lock object "
                        + "could not be read (pid -1 on host unknown-host, started ");
        try (S3Lock lock = new S3LockContender(bucket, S3LockOwner.thisProcess(), LEASE,
                serverTime -> serverTime.plus(LEASE).plusSeconds(1)).acquire(Duration.ZERO, "prune")) {
            assertThat(lock.tookOverFrom()).hasValueSatisfying(holder -> {
                assertThat(holder.pid()).isEqualTo(-1);
                assertThat(holder.command()).isEqualTo("a run whose lock object could not be read");
            });
        }
    }

    /** The server applied the write but its answer was lost; the client's retry is refused as the object changed. */
    @Test
    void aWriteWhoseAnswerWasLostStillCountsAsWritten() {
        byte[] ours = S3LockContent.taken(S3LockOwner.thisProcess(), "backup", LEASE, Instant.now()).encode();
        S3.put(bucket, S3LockObject.NAME, ours);
        S3LockObject object = new S3LockObject(bucket);

        assertThat(object.create(ours).written()).isPresent();
        assertThat(object.create(S3LockContent.taken(S3LockOwner.thisProcess(), "other", LEASE, Instant.now())
                .encode()).written()).isEmpty();
    }

    @Test
    void takingAndRenewingAreConditionalWrites() {
        HeaderRecorder requests = new HeaderRecorder();
        S3Bucket recorded = S3.sameRepository(bucket, requests);
        try (S3Lock lock = S3Lock.acquire(recorded, LEASE, Duration.ZERO, "backup of app")) {
            lock.renew();
        }

        assertThat(requests.conditions()).hasSize(2);
        assertThat(requests.conditions().get(0)).isEqualTo("PUT If-None-Match=*");
        assertThat(requests.conditions().get(1)).startsWith("PUT If-Match=\"");
        assertThat(requests.methods()).containsExactly("PUT", "PUT", "HEAD", "DELETE");
    }

    /** Backblaze B2 answers conditional writes with NotImplemented: the lock still works, one run at a time. */
    @Test
    void withoutConditionalWritesTheLockSendsNoConditionsAndStillRefusesASecondRun() {
        HeaderRecorder requests = new HeaderRecorder();
        S3Bucket b2 = S3.bucketAt(bucket.location().toString(), Map.of(S3Settings.PROVIDER, "b2"),
                requests);
        try (S3Lock lock = S3Lock.acquire(b2, LEASE, Duration.ZERO, "backup of app")) {
            assertThatThrownBy(() -> S3Lock.acquire(S3.bucketAt(bucket.location().toString(),
                    Map.of(S3Settings.PROVIDER, "b2")), LEASE, Duration.ZERO, "prune"))
                    .isInstanceOf(LockedException.class);
            lock.requireHeld(b2);
            assertThat(S3.lockContent(bucket).renewal()).isEqualTo(1);
        }

        assertThat(requests.conditions()).isEmpty();
        assertThat(S3.get(bucket, S3LockObject.NAME)).isNull();
    }

    @Test
    void aMissingBucketIsUnavailableNamingBucketAndEndpoint() {
        S3Bucket missing = S3.bucketAt("s3://no-such-bucket/prod", Map.of());

        assertThatThrownBy(() -> S3Lock.acquire(missing, LEASE, Duration.ZERO, "backup"))
                .isInstanceOfSatisfying(UnavailableException.class,
                        e -> assertThat(e.status()).isEqualTo(ExitStatus.UNAVAILABLE))
                .hasMessageStartingWith("cannot write the lock of repository s3://no-such-bucket/prod in bucket "
                        + "'no-such-bucket' at " + S3.server().endpoint() + ": the bucket does not exist");
    }

    @Test
    void anInterruptedWaitEndsWithAnInterruption() throws Exception {
        try (S3Lock held = S3Lock.acquire(bucket, LEASE, Duration.ZERO, "first")) {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread waiter = new Thread(() -> {
                Thread.currentThread().interrupt();
                try {
                    otherHost(LEASE).acquire(Duration.ofMinutes(5), "second").close();
                    outcome.complete(null);
                } catch (RuntimeException e) {
                    outcome.complete(e);
                }
            });
            waiter.start();

            assertThat(outcome.get(60, TimeUnit.SECONDS)).isInstanceOf(OperationInterruptedException.class);
            assertThat(held.guards(bucket)).isTrue();
        }
    }

    private S3LockContent plant(S3LockOwner owner, String command, Duration lease) {
        S3LockContent content = S3LockContent.taken(owner, command, lease, Instant.now());
        S3.put(bucket, S3LockObject.NAME, content.encode());
        return content;
    }

    private BackupRepository repositoryOn(String hostName) {
        Map<String, String> values = new HashMap<>(S3.server().settingValues());
        values.put(S3Settings.HOST_NAME, hostName);
        return new S3RepositoryProvider().open(bucket.location().toString(), new RepositorySettings(values), false);
    }

    private S3LockContender otherHost(Duration lease) {
        return new S3LockContender(bucket, OTHER_HOST, lease);
    }

    /** A run of this host whose view of the server's clock is moved on by that much. */
    private Attempt contenderAt(Duration later) {
        return new Attempt(new S3LockContender(bucket, S3LockOwner.thisProcess(), LEASE,
                serverTime -> serverTime.plus(later)));
    }

    private record Attempt(S3LockContender contender) {

        boolean tryAcquire() {
            try (S3Lock lock = contender.acquire(Duration.ZERO, "prune")) {
                return lock != null;
            } catch (LockedException e) {
                return false;
            }
        }
    }
}
