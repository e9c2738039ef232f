package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Retention through the real command line: backups taken at chosen times (the clock is fixed with LIFEBOAT_NOW),
 * then pruned by each rule, with the exact survivors expected. The times cross a year, an ISO week that straddles
 * it, a month end and an hour boundary.
 */
class PruneIT {

    // 2024-12-31 is a Tuesday in ISO week 2025-W01; 2025-01-06 starts 2025-W02; 2025-02-01 is in 2025-W05
    private static final List<String> TIMES = List.of(
            "2024-12-31T23:00:00Z", "2025-01-01T01:00:00Z", "2025-01-01T13:00:00Z", "2025-01-02T09:00:00Z",
            "2025-01-06T09:00:00Z", "2025-01-31T23:30:00Z", "2025-02-01T00:30:00Z", "2025-02-01T00:45:00Z");

    @TempDir
    static Path shared;

    @TempDir
    Path work;

    @BeforeAll
    static void backupsAtChosenTimes() {
        SqliteDatabases.execute(shared.resolve("app.db"), """
                CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT);
                INSERT INTO note (body) VALUES ('one'), ('two');
                """);
        for (String time : TIMES) {
            LifeboatProcess.Result backup = LifeboatProcess.run(shared, Map.of("LIFEBOAT_NOW", time), "backup", "app.db");
            assertThat(backup.exitCode()).as(backup.toString()).isZero();
        }
    }

    @ParameterizedTest(name = "{0} keeps {1}")
    @CsvSource(delimiter = '|', value = {
            "--keep-last 3          | 2025-02-01T00:45 2025-02-01T00:30 2025-01-31T23:30",
            "--keep-hourly 3        | 2025-02-01T00:45 2025-01-31T23:30 2025-01-06T09:00",
            "--keep-daily 4         | 2025-02-01T00:45 2025-01-31T23:30 2025-01-06T09:00 2025-01-02T09:00",
            "--keep-weekly 4        | 2025-02-01T00:45 2025-01-06T09:00 2025-01-02T09:00",
            "--keep-monthly 3       | 2025-02-01T00:45 2025-01-31T23:30 2024-12-31T23:00",
            "--keep-yearly 2        | 2025-02-01T00:45 2024-12-31T23:00",
            "--keep-within 1d       | 2025-02-01T00:45 2025-02-01T00:30 2025-01-31T23:30",
            "--keep-within 30d      | 2025-02-01T00:45 2025-02-01T00:30 2025-01-31T23:30 2025-01-06T09:00 2025-01-02T09:00",
            "--keep-last 1 --keep-yearly 2 | 2025-02-01T00:45 2024-12-31T23:00"})
    void each_rule_keeps_exactly_what_it_says(String options, String survivors) throws IOException {
        Path repository = copyOfTheRepository();

        LifeboatProcess.Result prune = LifeboatProcess.run(work, concat(options.trim().split("\\s+"),
                "prune", "--repo", repository.toString()));

        assertThat(prune.exitCode()).as(prune.toString()).isZero();
        assertThat(listedTimes(repository)).containsExactly(survivors.trim().split(" "));
    }

    @Test
    void a_dry_run_says_which_rule_keeps_each_backup_and_removes_nothing() throws IOException {
        Path repository = copyOfTheRepository();

        LifeboatProcess.Result prune = LifeboatProcess.run(work, "prune", "--keep-weekly", "2", "--dry-run", "--json",
                "--repo", repository.toString());

        assertThat(prune.exitCode()).as(prune.toString()).isZero();
        JsonNode backups = Json.parse(prune.stdout()).get("groups").get(0).get("backups");
        assertThat(backups.get(0).get("reasons").toString()).contains("newest of its group", "weekly 2025-W05");
        assertThat(backups.get(3).get("name").asText()).contains("2025-01-06T09-00-00Z");
        assertThat(backups.get(3).get("reasons").toString()).contains("weekly 2025-W02");
        assertThat(backups.get(4).get("kept").asBoolean()).isFalse();
        assertThat(listedTimes(repository)).hasSize(TIMES.size());
    }

    @Test
    void prune_without_a_keep_option_refuses_and_removes_nothing() throws IOException {
        Path repository = copyOfTheRepository();
        Map<String, String> before = DirectorySnapshot.of(repository);

        LifeboatProcess.Result prune = LifeboatProcess.run(work, "prune", "--repo", repository.toString());

        assertThat(prune.exitCode()).isEqualTo(2);
        assertThat(prune.errorLine()).contains("no --keep option");
        assertThat(DirectorySnapshot.of(repository)).isEqualTo(before);
    }

    @Test
    void prune_waits_for_no_one_and_removes_nothing_while_another_run_holds_the_repository() throws IOException {
        Path repository = copyOfTheRepository();
        try (ChildJvm holder = ChildJvm.start(RepositoryLockHolder.class, repository.toString())) {
            holder.awaitLine("locked");

            LifeboatProcess.Result prune = LifeboatProcess.run(work, "prune", "--keep-last", "1", "--repo",
                    repository.toString());

            assertThat(prune.exitCode()).isEqualTo(4);
            assertThat(prune.errorLine()).contains("pid " + holder.pid());
            assertThat(listedTimes(repository)).hasSize(TIMES.size());
        }
    }

    @Test
    void prune_removes_what_crashed_runs_left() throws IOException {
        Path repository = copyOfTheRepository();
        Path leftover = Files.writeString(repository.resolve(".lifeboat-tmp-99999.0badf00d-1234-spool"), "partial");
        Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minus(2, ChronoUnit.DAYS)));

        LifeboatProcess.Result prune = LifeboatProcess.run(work, "prune", "--keep-last", "8", "--repo",
                repository.toString());

        assertThat(prune.exitCode()).as(prune.toString()).isZero();
        assertThat(prune.stderr()).contains(leftover.getFileName().toString(), "left by an interrupted run");
        assertThat(leftover).doesNotExist();
    }

    @Test
    void a_backup_with_keep_options_prunes_its_own_group_only_and_only_when_it_succeeded() throws IOException {
        Path repository = copyOfTheRepository();
        Files.copy(shared.resolve("app.db"), work.resolve("app.db"));
        SqliteDatabases.execute(work.resolve("other.db"), "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
        LifeboatProcess.Result other = LifeboatProcess.run(work, Map.of("LIFEBOAT_NOW", "2020-01-01T00:00:00Z"),
                "backup", "other.db", "--repo", repository.toString());
        assertThat(other.exitCode()).isZero();

        LifeboatProcess.Result failed = LifeboatProcess.run(work, "backup", "missing.db", "--keep-last", "1", "--repo",
                repository.toString());
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(listedTimes(repository)).hasSize(TIMES.size() + 1);

        LifeboatProcess.Result backup = LifeboatProcess.run(work, Map.of("LIFEBOAT_NOW", "2025-03-01T00:00:00Z"),
                "backup", "app.db", "--keep-last", "2", "--repo", repository.toString());

        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        assertThat(backup.stdout()).contains("pruned", "removed 7 older backups");
        assertThat(listedTimes(repository)).containsExactly("2025-03-01T00:00", "2025-02-01T00:45", "2020-01-01T00:00");
    }

    /**
     * Bit rot found in the newest backup by a verification must not make it count as the one backup kept: before,
     * {@code --keep-last 1} then deleted the last good backup and kept only the damaged one.
     */
    @Test
    void a_backup_whose_last_verification_failed_is_kept_but_never_counted() throws IOException {
        Path repository = copyOfTheRepository();
        Path newest = repository.resolve("app_2025-02-01T00-45-00Z.lifeboat.tar");
        ArchiveSurgery.flipByte(newest, ArchiveSurgery.dataOffset(newest, "database.sqlite.zst") + 100);
        LifeboatProcess.Result verify = LifeboatProcess.run(work, "verify", newest.getFileName().toString(), "--repo",
                repository.toString());
        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(6);

        LifeboatProcess.Result prune = LifeboatProcess.run(work, "prune", "--keep-last", "1", "--repo",
                repository.toString());

        assertThat(prune.exitCode()).as(prune.toString()).isZero();
        assertThat(prune.stdout()).contains("not counted: its last verification failed");
        assertThat(listedTimes(repository)).containsExactly("2025-02-01T00:45", "2025-02-01T00:30");
    }

    private Path copyOfTheRepository() throws IOException {
        Path copy = work.resolve("repository");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(shared.resolve("backups"))) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return copy;
    }

    /** The creation times of the listed backups, newest first, to the minute. */
    private List<String> listedTimes(Path repository) {
        LifeboatProcess.Result list = LifeboatProcess.run(work, "list", "--json", "--repo", repository.toString());
        assertThat(list.exitCode()).as(list.toString()).isZero();
        return Json.parse(list.stdout()).get("backups").findValues("createdAt").stream()
                .map(time -> time.asText().substring(0, 16)).toList();
    }

    private static String[] concat(String[] options, String... command) {
        return Stream.concat(Arrays.stream(command), Arrays.stream(options)).toArray(String[]::new);
    }
}
