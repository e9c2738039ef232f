package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's whole journey with a SQLite database, through the real command line. */
class RoundTripIT {

    @TempDir
    Path work;

    @Test
    void backup_list_verify_restore_gives_back_the_same_database() throws Exception {
        Path source = SqliteDatabases.featureComplete(work.resolve("feature.db"));

        LifeboatProcess.Result backup = LifeboatProcess.run(work, "backup", "feature.db");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        assertThat(backup.stdout()).contains("Backed up feature (sqlite", "backups/feature_", ".lifeboat.tar", "rows");

        JsonNode listing = Json.parse(LifeboatProcess.run(work, "list", "--json").stdout());
        assertThat(listing.get("backups")).hasSize(1);
        JsonNode listed = listing.get("backups").get(0);
        assertThat(listed.get("database").asText()).isEqualTo("feature");
        assertThat(listed.get("engine").asText()).isEqualTo("sqlite");

        LifeboatProcess.Result verify = LifeboatProcess.run(work, "verify", "latest");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.stdout()).contains("archive checksum", "part database.sqlite", "is intact");

        LifeboatProcess.Result deep = LifeboatProcess.run(work, "verify", "--deep", "latest:feature");
        assertThat(deep.exitCode()).as(deep.toString()).isZero();
        assertThat(deep.stdout()).contains("integrity", "fingerprint", "restores to the data it recorded");

        LifeboatProcess.Result restore = LifeboatProcess.run(work, "restore", "latest", "restored/copy.db");
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        Path restored = work.resolve("restored/copy.db");

        assertThat(SqliteDatabases.sqlite3(restored, "PRAGMA integrity_check").trim()).isEqualTo("ok");
        assertThat(SqliteDatabases.sqlite3(restored, ".schema")).isEqualTo(SqliteDatabases.sqlite3(source, ".schema"));
        assertThat(SqliteDatabases.sqlite3(restored, ".dump")).isEqualTo(SqliteDatabases.sqlite3(source, ".dump"));
        assertThat(SqliteDatabases.sqlite3(restored, "PRAGMA user_version").trim()).isEqualTo("42");
        assertThat(SqliteDatabases.sqlite3(restored, "PRAGMA journal_mode").trim()).isEqualTo("wal");
        assertThat(SqliteDatabases.sqlite3(restored, "SELECT rowid FROM item ORDER BY rowid LIMIT 12").lines())
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "11", "12", "13");

        assertThat(fingerprintOf(restored)).isEqualTo(fingerprintOf(source));
    }

    @Test
    void the_repository_and_archives_are_private_to_their_owner() throws Exception {
        SqliteDatabases.featureComplete(work.resolve("feature.db"));

        assertThat(LifeboatProcess.run(work, "backup", "feature.db").exitCode()).isZero();

        Path repository = work.resolve("backups");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(repository))).isEqualTo("rwx------");
        try (var files = Files.list(repository)) {
            assertThat(files.filter(file -> !file.getFileName().toString().startsWith(".lifeboat.lock")))
                    .isNotEmpty()
                    .allSatisfy(file -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                            .as(file.toString()).isEqualTo("rw-------"));
        }
    }

    @Test
    void the_sidecar_is_checked_by_sha256sum_and_the_archive_unpacks_with_tar_and_zstd() throws Exception {
        Path source = SqliteDatabases.featureComplete(work.resolve("feature.db"));
        JsonNode backup = Json.parse(LifeboatProcess.run(work, "backup", "feature.db", "--json").stdout());
        Path archive = Path.of(backup.get("archive").get("path").asText());

        assertThat(run(archive.getParent(), "sha256sum", "-c", archive.getFileName() + ".sha256")).contains(": OK");
        run(work, "tar", "-xf", archive.toString(), "database.sqlite.zst");
        run(work, "zstd", "-q", "-d", "database.sqlite.zst", "-o", "by-hand.db");

        Path byHand = work.resolve("by-hand.db");
        assertThat(SqliteDatabases.sqlite3(byHand, "PRAGMA integrity_check").trim()).isEqualTo("ok");
        assertThat(SqliteDatabases.sqlite3(byHand, ".dump")).isEqualTo(SqliteDatabases.sqlite3(source, ".dump"));
    }

    @Test
    void the_database_can_come_from_database_url_in_a_dot_env_file() throws Exception {
        SqliteDatabases.featureComplete(work.resolve("app.db"));
        Files.writeString(work.resolve(".env"), "DATABASE_URL=sqlite:app.db\n");

        LifeboatProcess.Result backup = LifeboatProcess.run(work, "backup", "--label", "nightly");

        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        assertThat(backup.stdout()).contains("backups/app_nightly_");
    }

    private JsonNode fingerprintOf(Path database) {
        Path repository = work.resolve("fingerprints-" + database.getFileName());
        LifeboatProcess.Result backup = LifeboatProcess.run(work, "backup", database.toString(), "--repo",
                repository.toString(), "--json");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        String archive = Json.parse(backup.stdout()).get("archive").get("path").asText();
        LifeboatProcess.Result inspect = LifeboatProcess.run(work, "inspect", archive, "--json");
        assertThat(inspect.exitCode()).as(inspect.toString()).isZero();
        return Json.parse(inspect.stdout()).get("fingerprint");
    }

    private static String run(Path directory, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
        return output;
    }
}
