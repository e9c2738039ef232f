package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A backup killed with SIGKILL leaves nothing that list shows as a backup; the next run removes what it left and
 * succeeds. The kill is chosen by how far the run has come (bytes of its temporary files), not by sleeping: the
 * database's part is written straight into the temporary archive, whose header is written only at its end, so both
 * kills leave an archive without it.
 */
class CrashIT {

    private static final long DATABASE_BYTES = 120L * 1024 * 1024;

    @TempDir
    Path work;

    @ParameterizedTest(name = "killed after {0}% of the database size was written to temporary files")
    @ValueSource(ints = {30, 90})
    void a_killed_backup_leaves_no_visible_archive_and_the_next_run_cleans_up(int percent) throws Exception {
        SqliteDatabases.execute(work.resolve("big.db"), """
                PRAGMA journal_mode = wal;
                CREATE TABLE blob_store (id INTEGER PRIMARY KEY, payload BLOB);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
                INSERT INTO blob_store SELECT i, randomblob(100000) FROM n;
                """.formatted(DATABASE_BYTES / 100_000));
        assertThat(LifeboatProcess.run(work, "backup", "big.db", "--label", "before").exitCode()).isZero();
        List<String> listedBefore = listedNames();
        Path repository = work.resolve("backups");

        Process backup = LifeboatProcess.start(work, Map.of(), "backup", "big.db");
        long threshold = DATABASE_BYTES * percent / 100;
        while (temporaryBytes(repository) < threshold) {
            assertThat(backup.isAlive()).as("the backup ended before it could be killed").isTrue();
            Thread.onSpinWait();
        }
        backup.destroyForcibly().waitFor();
        assertThat(backup.exitValue()).isEqualTo(137);

        assertThat(listedNames()).isEqualTo(listedBefore);
        assertThat(temporaryFiles(repository)).as("what the killed run left").isNotEmpty();

        LifeboatProcess.Result next = LifeboatProcess.run(work, "backup", "big.db");
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(next.stderr()).contains("left by an interrupted run");
        assertThat(temporaryFiles(repository)).isEmpty();
        assertThat(listedNames()).hasSize(listedBefore.size() + 1);
        assertThat(LifeboatProcess.run(work, "verify", "latest").exitCode()).isZero();
    }

    private List<String> listedNames() {
        LifeboatProcess.Result list = LifeboatProcess.run(work, "list", "--json");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        return Json.parse(list.stdout()).get("backups").findValues("name").stream().map(JsonNode::asText).sorted().toList();
    }

    private static long temporaryBytes(Path repository) {
        return temporaryFiles(repository).stream().mapToLong(file -> {
            try {
                return Files.size(file);
            } catch (IOException e) {
                return 0; // removed between listing and measuring
            }
        }).sum();
    }

    private static List<Path> temporaryFiles(Path repository) {
        try (Stream<Path> files = Files.list(repository)) {
            return files.filter(file -> file.getFileName().toString().startsWith(".lifeboat-tmp")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
