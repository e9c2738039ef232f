package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restores that replace data, asked for with care: nothing is lost, and a look first changes nothing. */
class RestoreSafetyIT {

    @TempDir
    Path work;

    private String firstBackup;

    @BeforeEach
    void aDatabaseAndItsBackup() {
        SqliteDatabases.featureComplete(work.resolve("app.db"));
        LifeboatProcess.Result backup = LifeboatProcess.run(work, "backup", "app.db", "--json");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        firstBackup = Json.parse(backup.stdout()).get("archive").get("name").asText();
    }

    @Test
    void overwriting_backs_up_the_replaced_data_first_and_latest_stays_the_regular_backup() {
        SqliteDatabases.execute(work.resolve("app.db"), "INSERT INTO account (owner, balance) VALUES ('late', 7);");

        JsonNode first = restoreOverwriting();
        JsonNode second = restoreOverwriting();

        assertThat(first.get("archive").get("name").asText()).isEqualTo(firstBackup);
        assertThat(second.get("archive").get("name").asText()).as("latest never means a pre-restore backup")
                .isEqualTo(firstBackup);
        String safety = first.get("safetyBackup").get("path").asText();
        assertThat(safety).contains("app_pre-restore_");
        Path saved = work.resolve("saved.db");
        LifeboatProcess.Result restoreSaved = LifeboatProcess.run(work, "restore", safety, saved.toString());
        assertThat(restoreSaved.exitCode()).as(restoreSaved.toString()).isZero();
        assertThat(SqliteDatabases.sqlite3(saved, "SELECT count(*) FROM account WHERE owner = 'late'").trim())
                .as("the row written after the backup is in the pre-restore backup").isEqualTo("1");
        assertThat(SqliteDatabases.sqlite3(work.resolve("app.db"), "SELECT count(*) FROM account WHERE owner = 'late'")
                .trim()).isEqualTo("0");
    }

    @Test
    void a_dry_run_changes_nothing_not_even_the_write_ahead_log() throws IOException {
        Path target = work.resolve("target.db");
        SqliteDatabases.featureComplete(target);
        try (ChildJvm writer = ChildJvm.start(WalWriter.class, target.toString())) {
            writer.awaitLine("written");
        }
        // the writer died holding its last write in the log, as an application that crashed would
        assertThat(Files.size(work.resolve("target.db-wal"))).isPositive();
        Map<String, String> before = DirectorySnapshot.of(work);

        LifeboatProcess.Result dryRun = LifeboatProcess.run(work, "restore", "--dry-run", "latest", "target.db",
                "--overwrite");

        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.stdout()).contains("Nothing was changed", "holds data");
        // the -shm file is SQLite's shared-memory index of the log, which any reader rebuilds; the data is not in it
        assertThat(withoutSharedMemoryIndex(DirectorySnapshot.of(work))).isEqualTo(withoutSharedMemoryIndex(before));
    }

    @Test
    void a_target_another_process_has_open_is_refused_and_left_alone() throws Exception {
        Path target = work.resolve("busy.db");
        SqliteDatabases.featureComplete(target);
        Process holder = new ProcessBuilder("sqlite3", target.toString()).redirectErrorStream(true).start();
        try {
            holder.getOutputStream().write("SELECT count(*) FROM account;\n".getBytes());
            holder.getOutputStream().flush();
            assertThat(holder.getInputStream().read()).as("sqlite3 answered, so it has the file open").isPositive();
            Map<String, String> before = DirectorySnapshot.of(work);

            LifeboatProcess.Result restore = LifeboatProcess.run(work, "restore", "latest", "busy.db", "--overwrite", "--yes");

            assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(4);
            assertThat(restore.errorLine()).contains("busy.db", "in use");
            assertThat(DirectorySnapshot.of(work.resolve("busy.db").getParent()).get("busy.db"))
                    .isEqualTo(before.get("busy.db"));
        } finally {
            holder.destroy();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void verifying_latest_fails_when_the_newest_backup_is_damaged_instead_of_checking_an_older_one() throws Exception {
        Thread.sleep(1_100); // a second backup in another second, so it is the newest by name too
        LifeboatProcess.Result newer = LifeboatProcess.run(work, "backup", "app.db", "--json");
        Path newest = Path.of(Json.parse(newer.stdout()).get("archive").get("path").asText());
        Files.write(newest, new byte[0]);

        LifeboatProcess.Result verify = LifeboatProcess.run(work, "verify", "latest");

        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(6);
        assertThat(verify.errorLine()).contains(newest.getFileName().toString(), "unreadable");
    }

    private static Map<String, String> withoutSharedMemoryIndex(Map<String, String> files) {
        Map<String, String> kept = new java.util.TreeMap<>(files);
        kept.keySet().removeIf(name -> name.endsWith("-shm"));
        return kept;
    }

    private JsonNode restoreOverwriting() {
        LifeboatProcess.Result restore = LifeboatProcess.run(work, "restore", "latest:app", "--overwrite", "--yes", "--json");
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        return Json.parse(restore.stdout());
    }
}
