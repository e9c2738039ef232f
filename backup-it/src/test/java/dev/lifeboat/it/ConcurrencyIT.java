package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.reliability.ReliabilityTally;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several lifeboat processes on one repository or one database at once: backups take turns at the repository (they
 * wait with --lock-timeout, otherwise fail with exit 4 naming the run that holds it), a prune running beside
 * backups only makes them wait, and a restore never replaces a database another process has open.
 */
class ConcurrencyIT {

    private static final Duration RUN_LIMIT = Duration.ofMinutes(5);
    /** About 3 MB a database: a backup takes long enough for the others to run into its lock. */
    private static final int BLOBS = 30;

    @TempDir
    Path work;

    /** How many backups race without waiting: eight in CI, two as well in the long run. */
    static IntStream racingBackups() {
        return ReliabilityTally.LONG ? IntStream.of(2, 8) : IntStream.of(8);
    }

    /** Prunes beside backups wait for them; in the long run, also prunes and backups that do not wait. */
    static Stream<String> pruneLockTimeouts() {
        return ReliabilityTally.LONG ? Stream.of("10m", "0") : Stream.of("10m");
    }

    @ParameterizedTest(name = "{0} backups at once")
    @ValueSource(ints = {2, 8})
    void simultaneous_backups_with_a_lock_timeout_take_turns_and_all_succeed(int runs) throws Exception {
        ReliabilityTally tally = new ReliabilityTally("concurrency-backups-waiting-" + runs);
        Path repository = work.resolve("backups");
        List<Started> started = new ArrayList<>();
        List<LifeboatProcess.Result> results = new ArrayList<>();
        try (ConcurrencyWatch watch = ConcurrencyWatch.start(repository)) {
            started.addAll(startBackups(runs, repository, "10m"));
            started.forEach(run -> results.add(run.run().finish(RUN_LIMIT)));
            watchedAfter(watch, repository, tally, started);
        }
        for (int i = 0; i < runs; i++) {
            LifeboatProcess.Result result = results.get(i);
            tally.check("backup " + i + " waited and succeeded", () -> {
                assertThat(result.exitCode()).as(result.toString()).isZero();
                assertVerifies(archiveOf(result));
            });
        }
        tally.check("one archive a backup, nothing else", () -> assertOnlyArchives(repository, runs));
        tally.report();
    }

    @ParameterizedTest(name = "{0} backups at once")
    @MethodSource("racingBackups")
    void simultaneous_backups_without_a_lock_timeout_either_succeed_or_fail_naming_the_holder(int runs)
            throws Exception {
        ReliabilityTally tally = new ReliabilityTally("concurrency-backups-no-waiting-" + runs);
        Path repository = work.resolve("backups");
        List<Started> started;
        List<LifeboatProcess.Result> results = new ArrayList<>();
        try (ConcurrencyWatch watch = ConcurrencyWatch.start(repository)) {
            started = startBackups(runs, repository, "0");
            started.forEach(run -> results.add(run.run().finish(RUN_LIMIT)));
            watchedAfter(watch, repository, tally, started);
        }
        List<Long> pids = started.stream().map(Started::pid).toList();
        int succeeded = 0;
        for (int i = 0; i < runs; i++) {
            LifeboatProcess.Result result = results.get(i);
            long pid = pids.get(i);
            if (result.exitCode() == 0) {
                succeeded++;
            }
            tally.check("backup " + i + " succeeded or failed naming another backup", () -> {
                if (result.exitCode() == 0) {
                    assertVerifies(archiveOf(result));
                } else {
                    assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
                    assertNamesAnother(errorOf(result), pid, pids);
                }
            });
        }
        int successes = succeeded;
        tally.check("at least one backup got the repository", () -> assertThat(successes).isPositive());
        tally.check("one archive a successful backup, nothing else", () -> assertOnlyArchives(repository, successes));
        tally.report();
    }

    @ParameterizedTest(name = "{0} backups while another holds the repository")
    @ValueSource(ints = {2, 8})
    void backups_without_a_lock_timeout_fail_at_once_naming_the_backup_that_holds_the_repository(int runs)
            throws Exception {
        ReliabilityTally tally = new ReliabilityTally("concurrency-backups-refused-" + runs);
        Path repository = work.resolve("backups");
        Path held = randomDatabase(work.resolve("held.db"));
        List<LifeboatProcess.Result> results = new ArrayList<>();
        PostgresStartedRun holder;
        long holderPid;
        try (ConcurrencySqliteSession writer = ConcurrencySqliteSession.open(held)) {
            // the writer's exclusive lock holds the backup inside the repository's lock, where it waits for SQLite
            writer.execute("BEGIN EXCLUSIVE;");
            Path directory = Files.createDirectories(work.resolve("holder"));
            holder = PostgresStartedRun.start(directory, Map.of(), "backup", held.toString(), "--json", "--repo",
                    repository.toString());
            holderPid = awaitHolder(repository, holder);
            for (Started run : startBackups(runs, repository, "0")) {
                results.add(run.run().finish(RUN_LIMIT));
            }
            writer.execute("ROLLBACK;");
        }
        for (int i = 0; i < runs; i++) {
            LifeboatProcess.Result result = results.get(i);
            tally.check("backup " + i + " refused at once", () -> {
                assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
                assertThat(errorOf(result)).contains("is locked by backup of " + held, "(pid " + holderPid + " ");
            });
        }
        LifeboatProcess.Result holding = holder.finish(RUN_LIMIT);
        tally.check("the holder finished", () -> {
            assertThat(holding.exitCode()).as(holding.toString()).isZero();
            assertVerifies(archiveOf(holding));
        });
        tally.check("only the holder's archive", () -> assertOnlyArchives(repository, 1));
        tally.report();
    }

    @ParameterizedTest(name = "lock timeout {0}")
    @MethodSource("pruneLockTimeouts")
    void backups_and_prunes_at_the_same_time_only_wait_for_each_other(String lockTimeout) throws Exception {
        ReliabilityTally tally = new ReliabilityTally("concurrency-backups-and-prunes-timeout-" + lockTimeout);
        Path repository = work.resolve("backups");
        Path database = randomDatabase(work.resolve("app.db"));
        int pairs = 4;
        List<Started> started = new ArrayList<>();
        List<LifeboatProcess.Result> results = new ArrayList<>();
        try (ConcurrencyWatch watch = ConcurrencyWatch.start(repository)) {
            for (int i = 0; i < pairs; i++) {
                started.add(start("backup-" + i, "backup", database.toString(), "--repo", repository.toString(),
                        "--lock-timeout", lockTimeout, "--json"));
                started.add(start("prune-" + i, "prune", "--keep-last", "1", "--repo", repository.toString(),
                        "--lock-timeout", lockTimeout));
            }
            started.forEach(run -> results.add(run.run().finish(RUN_LIMIT)));
            watchedAfter(watch, repository, tally, started);
        }
        List<Long> pids = started.stream().map(Started::pid).toList();
        for (int i = 0; i < started.size(); i++) {
            LifeboatProcess.Result result = results.get(i);
            long pid = pids.get(i);
            tally.check(started.get(i).name() + " ended well or waited no longer than told", () -> {
                if (lockTimeout.equals("0") && result.exitCode() == 4) {
                    assertNamesAnother(errorOf(result), pid, pids);
                } else {
                    assertThat(result.exitCode()).as(result.toString()).isZero();
                }
            });
        }
        tally.check("every kept archive verifies, nothing else is there", () -> {
            List<Path> archives = archives(repository);
            assertThat(archives).isNotEmpty();
            archives.forEach(this::assertVerifies);
            assertOnlyArchives(repository, archives.size());
        });
        tally.check("a last prune keeps exactly one", () -> {
            LifeboatProcess.Result prune = LifeboatProcess.run(work, "prune", "--keep-last", "1", "--repo",
                    repository.toString());
            assertThat(prune.exitCode()).as(prune.toString()).isZero();
            assertThat(archives(repository)).hasSize(1);
            assertVerifies(archives(repository).get(0));
        });
        tally.report();
    }

    @Test
    void a_restore_over_a_database_another_process_has_open_is_refused_and_leaves_it_unchanged() throws Exception {
        ReliabilityTally tally = new ReliabilityTally("concurrency-restore-target-in-use");
        SqliteDatabases.featureComplete(work.resolve("app.db"));
        LifeboatProcess.Result backup = LifeboatProcess.run(work, "backup", "app.db");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        record Holder(String what, String journalMode, String sql, boolean writes) {
        }
        List<Holder> holders = List.of(
                new Holder("sqlite3 with a write transaction open, rollback journal", "delete",
                        "BEGIN; INSERT INTO account (owner, balance) VALUES ('uncommitted', 1);", true),
                new Holder("sqlite3 with a write transaction open, WAL", "wal",
                        "BEGIN; INSERT INTO account (owner, balance) VALUES ('uncommitted', 1);", true),
                new Holder("sqlite3 with a read transaction open, rollback journal", "delete",
                        "BEGIN; SELECT count(*) FROM account;", false),
                new Holder("sqlite3 with a read transaction open, WAL", "wal",
                        "BEGIN; SELECT count(*) FROM account;", false),
                new Holder("sqlite3 with the file open, no transaction, rollback journal", "delete",
                        "SELECT count(*) FROM account;", false));
        int index = 0;
        for (Holder holder : holders) {
            Path directory = Files.createDirectories(work.resolve("target-" + index++));
            Path target = SqliteDatabases.featureComplete(directory.resolve("busy.db"));
            SqliteDatabases.execute(target, "PRAGMA journal_mode = " + holder.journalMode() + ";");
            tally.check(holder.what(), () -> {
                try (ConcurrencySqliteSession session = ConcurrencySqliteSession.open(target)) {
                    session.execute(holder.sql());
                    Map<String, String> before = withoutSharedMemoryIndex(DirectorySnapshot.of(directory));

                    LifeboatProcess.Result restore = LifeboatProcess.run(work, "restore", "latest", target.toString(),
                            "--overwrite", "--yes");

                    assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(4);
                    assertThat(restore.errorLine()).contains("busy.db", "in use");
                    assertThat(withoutSharedMemoryIndex(DirectorySnapshot.of(directory))).isEqualTo(before);
                    if (holder.writes()) {
                        session.execute("COMMIT;");
                    }
                }
                assertThat(SqliteDatabases.sqlite3(target, "PRAGMA integrity_check").trim()).isEqualTo("ok");
                assertThat(SqliteDatabases.sqlite3(target, "SELECT count(*) FROM account WHERE owner = 'uncommitted'")
                        .trim()).as("the other process's write, committed after the refused restore")
                        .isEqualTo(holder.writes() ? "1" : "0");
            });
        }
        tally.check("another JVM keeping its connection open after a write, WAL", () -> {
            Path directory = Files.createDirectories(work.resolve("target-jvm"));
            Path target = SqliteDatabases.featureComplete(directory.resolve("busy.db"));
            try (ChildJvm writer = ChildJvm.start(WalWriter.class, target.toString())) {
                writer.awaitLine("written");
                Map<String, String> before = withoutSharedMemoryIndex(DirectorySnapshot.of(directory));

                LifeboatProcess.Result restore = LifeboatProcess.run(work, "restore", "latest", target.toString(),
                        "--overwrite", "--yes");

                assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(4);
                assertThat(restore.errorLine()).contains("busy.db", "in use");
                assertThat(withoutSharedMemoryIndex(DirectorySnapshot.of(directory))).isEqualTo(before);
            }
        });
        tally.report();
    }

    /** The repository watch's findings: never two writers at once, and each writer named in the lock file. */
    private static void watchedAfter(ConcurrencyWatch watch, Path repository, ReliabilityTally tally, List<Started> started)
            throws InterruptedException {
        watch.close();
        tally.check("never two runs writing at once", () -> {
            assertThat(watch.mostWritersAtOnce()).as("processes with temporary files in " + repository
                    + " at one moment").isLessThanOrEqualTo(1);
            assertThat(watch.holders()).as("the lock file named every process seen writing")
                    .containsAll(watch.writers());
            assertThat(started.stream().map(Started::pid).toList()).containsAll(watch.writers());
        });
    }

    /**
     * A refusal names the run holding the repository, one of the others; or, in the instant between another run
     * taking the lock and writing its name into the lock file, says that it cannot name it yet.
     */
    private static void assertNamesAnother(String error, long pid, List<Long> pids) {
        if (error.contains("which has not written its name")) {
            return;
        }
        assertThat(error).contains("is locked by");
        assertThat(pids.stream().filter(other -> other != pid).anyMatch(other -> error.contains("(pid " + other + " ")))
                .as("the holder named in " + error + " is one of the other runs " + pids).isTrue();
    }

    /** A run started in its own working directory, so that the outputs of runs at the same time stay apart. */
    private record Started(String name, PostgresStartedRun run, long pid) {
    }

    private List<Started> startBackups(int runs, Path repository, String lockTimeout) {
        List<Path> databases = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            databases.add(randomDatabase(work.resolve("db" + i + ".db")));
        }
        List<Started> started = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            started.add(start("backup-" + i, "backup", databases.get(i).toString(), "--repo", repository.toString(),
                    "--lock-timeout", lockTimeout, "--json"));
        }
        return started;
    }

    private Started start(String name, String... args) {
        try {
            Path directory = Files.createDirectories(work.resolve("runs").resolve(name));
            PostgresStartedRun run = PostgresStartedRun.start(directory, Map.of(), args);
            return new Started(name, run, run.pid());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the lock file names the run, which then holds the repository, and returns its pid. */
    private static long awaitHolder(Path repository, PostgresStartedRun run) throws IOException {
        Path lock = repository.resolve(".lifeboat.lock");
        while (true) {
            assertThat(run.isAlive()).as("the holding backup runs").isTrue();
            if (Files.exists(lock)) {
                String content = Files.readString(lock, StandardCharsets.UTF_8);
                java.util.regex.Matcher pid = java.util.regex.Pattern.compile("(?m)^pid=([0-9]+)$").matcher(content);
                if (pid.find()) {
                    return Long.parseLong(pid.group(1));
                }
            }
            Thread.onSpinWait();
        }
    }

    /** The one-line error of a failed run: on stderr, or with --json the message of the document on stdout. */
    private static String errorOf(LifeboatProcess.Result result) {
        if (!result.stdout().startsWith("{")) {
            return result.errorLine();
        }
        assertThat(result.stderr()).as("stderr").doesNotContain("Exception", "\tat ");
        com.fasterxml.jackson.databind.JsonNode error = Json.parse(result.stdout()).get("error");
        assertThat(error.get("exitCode").asInt()).isEqualTo(result.exitCode());
        String message = error.get("message").asText();
        assertThat(message).doesNotContain("\n");
        return message;
    }

    private void assertVerifies(Path archive) {
        LifeboatProcess.Result verify = LifeboatProcess.run(work, "verify", archive.toString());
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
    }

    private static Path archiveOf(LifeboatProcess.Result backup) {
        return Path.of(Json.parse(backup.stdout()).get("archive").get("path").asText());
    }

    /**
     * The repository holds so many archives, each with its sidecar and, once this test verified it, the record of
     * that verification, and no temporary file.
     */
    private static void assertOnlyArchives(Path repository, int count) {
        Map<String, String> files = new TreeMap<>(DirectorySnapshot.of(repository));
        files.remove(".lifeboat.lock");
        assertThat(files.keySet().stream().filter(name -> name.endsWith(".lifeboat.tar"))).hasSize(count);
        assertThat(files.keySet().stream().filter(name -> name.endsWith(".lifeboat.tar.sha256"))).hasSize(count);
        List<String> records = files.keySet().stream().filter(name -> name.endsWith(".lifeboat.tar.verified")).toList();
        assertThat(records).as("verification records, each beside its archive").allSatisfy(record ->
                assertThat(files).containsKey(record.substring(0, record.length() - ".verified".length())));
        assertThat(files).as("files in the repository").hasSize(2 * count + records.size());
    }

    private static List<Path> archives(Path repository) {
        try (Stream<Path> files = Files.list(repository)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".lifeboat.tar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> withoutSharedMemoryIndex(Map<String, String> files) {
        Map<String, String> kept = new TreeMap<>(files);
        kept.keySet().removeIf(name -> name.endsWith("-shm"));
        return kept;
    }

    private static Path randomDatabase(Path file) {
        SqliteDatabases.execute(file, """
                PRAGMA journal_mode = delete;
                CREATE TABLE blob_store (id INTEGER PRIMARY KEY, payload BLOB);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
                INSERT INTO blob_store SELECT i, randomblob(100000) FROM n;
                """.formatted(BLOBS));
        return file;
    }
}
