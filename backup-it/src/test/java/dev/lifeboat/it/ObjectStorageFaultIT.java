package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeboat.adapter.s3.S3TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Object storage when things go wrong, through the real jar against a real S3 server in this process (s3proxy): a
 * backup killed with SIGKILL in the middle of its upload, a bucket deleted under lifeboat, eight runs on two hosts
 * sharing one bucket, prune racing backups, and a run frozen past its lease while another host takes its lock over.
 */
class ObjectStorageFaultIT {

    /** Big enough to go up in four parts of 16 MiB, and incompressible, so that zstd leaves it that big. */
    private static final int BIG_DATABASE_MB = 60;
    private static final String LOCK = ".lifeboat.lock";
    /** What every run that changed the repository leaves beside the archives: see docs/storage.md. */
    private static final String LISTING_INDEX = ".lifeboat.listing";
    private static final String VERIFIED = ".verified";
    private static final long POLL_MILLIS = 10;
    private static final long GIVE_UP_MILLIS = TimeUnit.MINUTES.toMillis(2);

    private static S3TestServer s3;
    private static Path bigDatabase;

    @TempDir
    static Path shared;

    @TempDir
    Path work;

    private TestBucket bucket;
    private final List<CrashRun> started = new ArrayList<>();

    @BeforeAll
    static void startS3AndMakeABigDatabase() {
        s3 = S3TestServer.start();
        bigDatabase = shared.resolve("big.db");
        SqliteDatabases.execute(bigDatabase, """
                CREATE TABLE blob (id INTEGER PRIMARY KEY, data BLOB NOT NULL);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
                INSERT INTO blob (data) SELECT randomblob(1024 * 1024) FROM n;
                """.formatted(BIG_DATABASE_MB));
        try {
            assertThat(Files.size(bigDatabase)).as("the big database").isGreaterThan(BIG_DATABASE_MB * 1024L * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @BeforeEach
    void freshBucket() {
        bucket = TestBucket.create(s3);
    }

    /** Ends what a failed test left running, and frees the server's memory of this test's archives. */
    @AfterEach
    void cleanUp() {
        started.forEach(CrashRun::stop);
        if (bucket.exists()) {
            bucket.delete();
        }
    }

    /** Where a backup is killed with SIGKILL: three points of its upload, each in a repository of its own. */
    enum KillPoint {
        UPLOAD_STARTED("once its incomplete upload exists") {
            @Override
            boolean reached(TestBucket bucket) {
                return !bucket.incompleteUploads().isEmpty();
            }
        },
        TWO_PARTS_UP("once its upload has two parts") {
            @Override
            boolean reached(TestBucket bucket) {
                return bucket.incompleteUploads().stream().anyMatch(upload -> bucket.partsOf(upload) >= 2);
            }
        },
        LOCK_TAKEN("right after it took the lock") {
            @Override
            boolean reached(TestBucket bucket) {
                return bucket.objectNames().contains("prod/" + LOCK);
            }
        };

        private final String description;

        KillPoint(String description) {
            this.description = description;
        }

        abstract boolean reached(TestBucket bucket);

        @Override
        public String toString() {
            return description;
        }
    }

    @ParameterizedTest(name = "killed {0}")
    @EnumSource(KillPoint.class)
    void a_backup_killed_with_sigkill_leaves_nothing_visible_and_the_next_run_takes_over_and_cleans_up(
            KillPoint point) {
        String repository = "s3://" + bucket.name() + "/prod";
        CrashRun killed = start("killed", environment(), "backup", bigDatabase.toString(), "--repo", repository);
        awaitWhileRunning(killed, point.toString(), () -> point.reached(bucket));
        assertThat(killed.kill()).as("the exit status of a JVM ended by SIGKILL (128 + 9)").isEqualTo(CrashRun.KILLED);

        List<String> abandoned = bucket.incompleteUploads().stream()
                .map(upload -> upload.key().substring("prod/".length())).toList();
        if (point != KillPoint.LOCK_TAKEN) {
            assertThat(abandoned).as("the killed run's upload").hasSize(1);
        }
        assertThat(bucket.objectNames()).as("no archive, sidecar or manifest copy; the dead run's lock stays")
                .containsExactly("prod/" + LOCK);
        assertThat(backupsListed(repository)).isEmpty();

        LifeboatProcess.Result next = run("backup", bigDatabase.toString(), "--repo", repository);
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(next.stderr()).as(next.toString()).contains("took over a stale lock left by backup of "
                + bigDatabase + " (pid " + killed.pid() + " on ");
        for (String upload : abandoned) {
            assertThat(next.stderr()).as(next.toString()).containsPattern("removed " + Pattern.quote(upload)
                    + " \\(incomplete upload started [^)]+\\), left by an interrupted run");
        }
        assertThat(bucket.incompleteUploads()).isEmpty();
        String archive = onlyArchive(bucket.objectNames(), "prod/");
        assertThat(bucket.objectNames()).containsExactly("prod/" + LISTING_INDEX, "prod/" + archive,
                "prod/" + archive + ".manifest.json", "prod/" + archive + ".sha256");
        assertThat(next.stdout()).contains(repository + "/" + archive);

        LifeboatProcess.Result verify = run("verify", "--deep", archive, "--repo", repository);
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
    }

    @Test
    void a_bucket_deleted_between_two_runs_ends_the_next_with_exit_3_naming_bucket_and_endpoint() {
        Path database = SqliteDatabases.featureComplete(work.resolve("app.db"));
        String repository = "s3://" + bucket.name() + "/prod";
        LifeboatProcess.Result first = run("backup", database.toString(), "--repo", repository);
        assertThat(first.exitCode()).as(first.toString()).isZero();

        bucket.delete();
        LifeboatProcess.Result second = run("backup", database.toString(), "--repo", repository);

        assertThat(second.exitCode()).as(second.toString()).isEqualTo(3);
        assertThat(second.errorLine()).contains("'" + bucket.name() + "'", s3.endpoint().toString(),
                "the bucket does not exist");
        assertThat(bucket.exists()).as("lifeboat never creates a bucket").isFalse();
    }

    @Test
    void a_bucket_deleted_during_a_backup_ends_it_with_exit_3_naming_bucket_and_endpoint() {
        String repository = "s3://" + bucket.name() + "/prod";
        CrashRun backup = start("backup", environment(), "backup", bigDatabase.toString(), "--repo", repository);
        awaitWhileRunning(backup, "its upload started", () -> !bucket.incompleteUploads().isEmpty());

        bucket.delete();
        LifeboatProcess.Result result = finish(backup);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.errorLine()).contains("'" + bucket.name() + "'", s3.endpoint().toString(),
                "the bucket does not exist");
        assertThat(bucket.exists()).as("lifeboat never creates a bucket").isFalse();
    }

    @Test
    void eight_backups_from_two_hosts_into_one_bucket_at_once_all_land_and_prune_racing_backups_keeps_it_whole() {
        Path database = SqliteDatabases.featureComplete(work.resolve("app.db"));
        String repository = "s3://" + bucket.name() + "/shared";
        List<CrashRun> backups = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            backups.add(start("backup-" + i, environment(i < 4 ? "host-a" : "host-b"), "backup",
                    database.toString(), "--repo", repository, "--lock-timeout", "5m", "--json"));
        }
        Set<String> written = new HashSet<>();
        for (CrashRun backup : backups) {
            LifeboatProcess.Result result = finish(backup);
            assertThat(result.exitCode()).as(result.toString()).isZero();
            written.add(Json.parse(result.stdout()).get("archive").get("name").asText());
        }

        assertThat(written).as("eight distinct archives").hasSize(8);
        assertThat(backupsListed(repository)).containsExactlyInAnyOrderElementsOf(written);
        assertWhole(repository, "shared/", written);

        List<CrashRun> prunes = new ArrayList<>();
        List<CrashRun> moreBackups = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            prunes.add(start("prune-" + i, environment(i % 2 == 0 ? "host-a" : "host-b"), "prune", "--keep-last",
                    "2", "--repo", repository, "--lock-timeout", "5m"));
            moreBackups.add(start("more-" + i, environment(i % 2 == 0 ? "host-b" : "host-a"), "backup",
                    database.toString(), "--repo", repository, "--lock-timeout", "5m", "--json"));
        }
        for (CrashRun prune : prunes) {
            LifeboatProcess.Result result = finish(prune);
            assertThat(result.exitCode()).as(result.toString()).isZero();
        }
        for (CrashRun backup : moreBackups) {
            LifeboatProcess.Result result = finish(backup);
            assertThat(result.exitCode()).as(result.toString()).isZero();
            written.add(Json.parse(result.stdout()).get("archive").get("name").asText());
        }

        List<String> left = backupsListed(repository);
        assertThat(written).hasSize(11);
        assertThat(left).as("at least the two a prune keeps, at most those and a backup after each prune")
                .hasSizeBetween(2, 5).isSubsetOf(written);
        assertWhole(repository, "shared/", new HashSet<>(left));
    }

    @Test
    void a_run_frozen_past_its_lease_loses_the_lock_to_another_host_and_publishes_nothing() {
        String repository = "s3://" + bucket.name() + "/prod";
        Path small = SqliteDatabases.featureComplete(work.resolve("app.db"));
        Map<String, String> hostA = environment("host-a");
        hostA.put("LIFEBOAT_S3_LOCK_LEASE", "10s");
        CrashRun frozen = start("frozen", hostA, "backup", bigDatabase.toString(), "--repo", repository);
        awaitWhileRunning(frozen, "its upload started", () -> !bucket.incompleteUploads().isEmpty());
        frozen.signal("STOP");
        String frozenUpload = bucket.incompleteUploads().get(0).key().substring("prod/".length());

        LifeboatProcess.Result hostB = LifeboatProcess.run(directory("host-b"), environment("host-b"), "backup",
                small.toString(), "--repo", repository, "--lock-timeout", "2m");
        assertThat(frozen.isAlive()).as("host-a's run is frozen, not gone").isTrue();
        assertThat(hostB.exitCode()).as(hostB.toString()).isZero();
        assertThat(hostB.stderr()).as(hostB.toString())
                .contains("took over a stale lock left by backup of " + bigDatabase + " (pid " + frozen.pid()
                        + " on host-a, started ")
                .containsPattern("removed " + Pattern.quote(frozenUpload)
                        + " \\(incomplete upload started [^)]+\\), left by an interrupted run");
        String hostBsArchive = onlyArchive(bucket.objectNames(), "prod/");

        frozen.signal("CONT");
        LifeboatProcess.Result thawed = finish(frozen);
        assertThat(thawed.exitCode()).as("locked: " + thawed).isEqualTo(4);
        assertThat(thawed.errorLine()).contains("this run lost the lock of repository " + repository,
                "lease of 10s ran out", "nothing more is written to the repository");
        assertThat(bucket.objectNames()).as("host-b's archive only").containsExactly("prod/" + LISTING_INDEX,
                "prod/" + hostBsArchive, "prod/" + hostBsArchive + ".manifest.json",
                "prod/" + hostBsArchive + ".sha256");

        LifeboatProcess.Result next = LifeboatProcess.run(directory("host-a"), hostA, "backup", small.toString(),
                "--repo", repository);
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(bucket.incompleteUploads()).isEmpty();
        assertThat(backupsListed(repository)).hasSize(2).contains(hostBsArchive);
    }

    /**
     * Every archive listed verifies, has its sidecar and manifest copy, and nothing else is under the prefix but the
     * listing index and the records of earlier verifications of archives still there: no lone sidecar, copy or
     * record, no lock (no run holds it), no incomplete upload.
     */
    private void assertWhole(String repository, String prefix, Set<String> archives) {
        List<String> expected = Stream.concat(archives.isEmpty() ? Stream.of() : Stream.of(prefix + LISTING_INDEX),
                archives.stream()
                .flatMap(archive -> Stream.of(prefix + archive, prefix + archive + ".manifest.json",
                        prefix + archive + ".sha256"))).toList();
        List<String> objects = bucket.objectNames();
        // the verifies below record their outcome beside each archive: a kept archive verified by an earlier call
        // has its record, and a pruned one's record went with it
        assertThat(objects.stream().filter(name -> name.endsWith(VERIFIED)).toList())
                .allSatisfy(record -> assertThat(archives)
                        .contains(record.substring(prefix.length(), record.length() - VERIFIED.length())));
        assertThat(objects.stream().filter(name -> !name.endsWith(VERIFIED)).toList())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(bucket.incompleteUploads()).isEmpty();
        List<CrashRun> verifies = new ArrayList<>();
        for (String archive : archives) {
            verifies.add(start("verify-" + archive, environment(), "verify", archive, "--repo", repository));
        }
        for (CrashRun verify : verifies) {
            LifeboatProcess.Result result = finish(verify);
            assertThat(result.exitCode()).as(result.toString()).isZero();
        }
    }

    private List<String> backupsListed(String repository) {
        LifeboatProcess.Result list = run("list", "--json", "--repo", repository);
        assertThat(list.exitCode()).as(list.toString()).isZero();
        List<String> names = new ArrayList<>();
        for (JsonNode backup : Json.parse(list.stdout()).get("backups")) {
            names.add(backup.get("name").asText());
        }
        return names;
    }

    /** The one archive among the keys under the prefix. */
    private static String onlyArchive(List<String> keys, String prefix) {
        List<String> archives = keys.stream().filter(key -> key.startsWith(prefix) && key.endsWith(".lifeboat.tar"))
                .map(key -> key.substring(prefix.length())).toList();
        assertThat(archives).as("archives in " + keys).hasSize(1);
        return archives.get(0);
    }

    /** Polls until the condition holds; fails if the run ends first, as it then never reached the point. */
    private static void awaitWhileRunning(CrashRun run, String point, BooleanSupplier reached) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GIVE_UP_MILLIS);
        while (!reached.getAsBoolean()) {
            if (!run.isAlive()) {
                fail(run + " ended before " + point + ":\n" + run.stdout() + run.stderr());
            }
            if (System.nanoTime() > deadline) {
                fail(run + " did not get to " + point + " within " + GIVE_UP_MILLIS + " ms");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Waits for a run started with {@link #start} to end: runs waiting for the lock in turn take a while. */
    private static LifeboatProcess.Result finish(CrashRun run) {
        return run.finish(Duration.ofMinutes(5));
    }

    private LifeboatProcess.Result run(String... args) {
        return LifeboatProcess.run(work, environment(), args);
    }

    /** Starts lifeboat in a working directory of its own, so that runs at once keep their output apart. */
    private CrashRun start(String name, Map<String, String> environment, String... args) {
        CrashRun run = CrashRun.start(directory(name), environment, args);
        started.add(run);
        return run;
    }

    private Path directory(String name) {
        try {
            return Files.createDirectories(work.resolve("runs").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment of a run that reaches the test server. */
    private static Map<String, String> environment() {
        return new HashMap<>(s3.environment());
    }

    /** The same, for a run of a simulated host of that name. */
    private static Map<String, String> environment(String hostName) {
        Map<String, String> environment = environment();
        environment.put("LIFEBOAT_HOST_NAME", hostName);
        return environment;
    }
}
