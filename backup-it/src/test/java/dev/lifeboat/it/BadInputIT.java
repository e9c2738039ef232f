package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input a user can give ends with its exit code, one line saying what is wrong, no stack trace, and
 * nothing changed on disk.
 */
class BadInputIT {

    @TempDir
    Path work;

    private Path archive;

    @BeforeEach
    void aGoodBackup() {
        SqliteDatabases.featureComplete(work.resolve("feature.db"));
        LifeboatProcess.Result backup = LifeboatProcess.run(work, "backup", "feature.db", "--json");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        archive = Path.of(Json.parse(backup.stdout()).get("archive").get("path").asText());
    }

    @Test
    void a_missing_database_file() {
        assertFailsChangingNothing(3, "no such file", "backup", "missing.db");
    }

    @Test
    void a_missing_database_named_with_its_scheme_creates_no_repository() throws IOException {
        Path fresh = Files.createDirectory(work.resolve("fresh"));

        LifeboatProcess.Result result = LifeboatProcess.run(fresh, "backup", "sqlite:missing.db");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.errorLine()).contains("no such file");
        assertThat(fresh.resolve("backups")).doesNotExist();
    }

    @Test
    void a_dry_run_writes_nothing_not_even_the_repository_directory() throws IOException {
        Path fresh = Files.createDirectory(work.resolve("fresh"));
        Files.copy(work.resolve("feature.db"), fresh.resolve("feature.db"));

        LifeboatProcess.Result result = LifeboatProcess.run(fresh, "backup", "--dry-run", "feature.db");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("Would back up feature", "Nothing was written");
        assertThat(fresh.resolve("backups")).doesNotExist();
    }

    @Test
    void an_archive_renamed_by_hand_is_a_usage_error_that_says_so() throws IOException {
        Path renamed = Files.copy(archive, work.resolve("my-backup.tar"));

        LifeboatProcess.Result result = LifeboatProcess.run(work, "verify", renamed.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.errorLine()).contains("not named like a lifeboat archive");
    }

    @Test
    void a_file_of_random_bytes() throws IOException {
        byte[] noise = new byte[8192];
        new Random(1).nextBytes(noise);
        Files.write(work.resolve("noise.db"), noise);

        assertFailsChangingNothing(3, "not a SQLite database", "backup", "noise.db");
    }

    @Test
    void a_directory_as_database() throws IOException {
        Files.createDirectory(work.resolve("folder"));

        assertFailsChangingNothing(3, "is a directory", "backup", "folder");
    }

    @Test
    void an_unwritable_repository() throws IOException {
        Files.writeString(work.resolve("plain-file"), "not a directory");

        assertFailsChangingNothing(3, "plain-file", "backup", "feature.db", "--repo", "plain-file/repo");
    }

    @Test
    void a_truncated_archive() throws IOException {
        try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() / 2);
        }

        assertFailsChangingNothing(6, "", "verify", archive.getFileName().toString());
        assertFailsChangingNothing(6, "", "restore", archive.getFileName().toString(), "restored.db");
        ArchiveSurgery.resealSidecar(archive);
        assertFailsChangingNothing(6, "", "verify", archive.getFileName().toString());
        assertFailsChangingNothing(6, "", "restore", archive.getFileName().toString(), "restored.db");
    }

    @Test
    void one_flipped_byte_inside_a_part() {
        ArchiveSurgery.flipByte(archive, ArchiveSurgery.dataOffset(archive, "database.sqlite.zst") + 100);

        assertFailsChangingNothing(6, "checksum", "verify", archive.getFileName().toString());
        ArchiveSurgery.resealSidecar(archive);
        assertFailsChangingNothing(6, "database.sqlite", "verify", archive.getFileName().toString());
        assertFailsChangingNothing(6, "database.sqlite", "restore", archive.getFileName().toString(), "restored.db");
    }

    @Test
    void a_tampered_manifest() {
        ArchiveSurgery.editManifest(archive, manifest -> manifest.replaceFirst("\"rows\": (\\d)", "\"rows\": 9$1"));

        assertFailsChangingNothing(6, "checksum", "verify", archive.getFileName().toString());
        assertFailsChangingNothing(6, "sidecar", "restore", archive.getFileName().toString(), "restored.db");
        ArchiveSurgery.resealSidecar(archive);
        assertFailsChangingNothing(6, "rows", "verify", "--deep", archive.getFileName().toString());
        assertFailsChangingNothing(6, "rows", "restore", archive.getFileName().toString(), "restored.db");
    }

    @Test
    void an_archive_holding_a_member_named_dot_dot_evil() {
        Map<String, byte[]> members = ArchiveSurgery.members(archive);
        Map<String, byte[]> evil = new java.util.LinkedHashMap<>();
        evil.put("../evil", ArchiveSurgery.bytes("escaped"));
        evil.putAll(members);
        ArchiveSurgery.write(archive, evil);
        ArchiveSurgery.resealSidecar(archive);

        assertFailsChangingNothing(6, "../evil", "verify", archive.getFileName().toString());
        assertFailsChangingNothing(6, "../evil", "restore", archive.getFileName().toString(), "restored.db");
        assertThat(work.resolve("evil")).doesNotExist();
        assertThat(work.getParent().resolve("evil")).doesNotExist();
    }

    @Test
    void an_archive_of_a_newer_format_version() {
        ArchiveSurgery.editManifest(archive, manifest -> manifest.replaceFirst("\"formatVersion\": 2", "\"formatVersion\": 3"));
        ArchiveSurgery.resealSidecar(archive);

        assertFailsChangingNothing(8, "newer", "verify", archive.getFileName().toString());
        assertFailsChangingNothing(8, "newer", "restore", archive.getFileName().toString(), "restored.db");
    }

    @Test
    void restore_onto_an_existing_target_without_overwrite() throws IOException {
        SqliteDatabases.featureComplete(work.resolve("target.db"));

        assertFailsChangingNothing(7, "--overwrite", "restore", "latest", "target.db");
    }

    @Test
    void restore_that_replaces_data_without_a_terminal_and_without_yes() {
        SqliteDatabases.featureComplete(work.resolve("target.db"));

        assertFailsChangingNothing(7, "--yes", "restore", "latest", "target.db", "--overwrite");
    }

    @Test
    void a_second_backup_while_the_repository_is_locked() {
        try (ChildJvm holder = ChildJvm.start(RepositoryLockHolder.class, work.resolve("backups").toString())) {
            holder.awaitLine("locked");

            String message = assertFailsChangingNothing(4, "locked", "backup", "feature.db");

            assertThat(message).contains("pid " + holder.pid(), "backup of holder.db");
        }
    }

    @Test
    void errors_are_json_documents_with_json() {
        LifeboatProcess.Result result = LifeboatProcess.run(work, "backup", "missing.db", "--json");

        assertThat(result.exitCode()).isEqualTo(3);
        var document = Json.parse(result.stdout());
        assertThat(document.get("ok").asBoolean()).isFalse();
        assertThat(document.get("error").get("code").asText()).isEqualTo("unavailable");
        assertThat(document.get("error").get("exitCode").asInt()).isEqualTo(3);
        assertThat(document.get("error").get("message").asText()).contains("no such file");
    }

    /**
     * Runs lifeboat, which must fail with the exit code and message and change nothing; but a verify records what it
     * found beside the archive, so a failed verify may add (or replace) that record, which must say it failed.
     */
    private String assertFailsChangingNothing(int exitCode, String messagePart, String... args) {
        Map<String, String> before = DirectorySnapshot.of(work);

        LifeboatProcess.Result result = LifeboatProcess.run(work, args);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
        String message = result.errorLine();
        assertThat(message).contains(messagePart);
        Map<String, String> after = new TreeMap<>(DirectorySnapshot.of(work));
        if (args[0].equals("verify")) {
            Map<String, String> records = new TreeMap<>(after);
            records.keySet().removeIf(name -> !name.endsWith(".verified"));
            for (String record : records.keySet()) {
                assertThat(work.resolve(record)).content().as(record).contains("outcome failed\n");
            }
            after.keySet().removeIf(name -> name.endsWith(".verified"));
            Map<String, String> withoutRecords = new TreeMap<>(before);
            withoutRecords.keySet().removeIf(name -> name.endsWith(".verified"));
            assertThat(after).as("files after: lifeboat " + String.join(" ", args)).isEqualTo(withoutRecords);
            return message;
        }
        assertThat(after).as("files after: lifeboat " + String.join(" ", args)).isEqualTo(before);
        return message;
    }
}
