package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups encrypted to age public keys, through the real jar, with Debian's {@code age} and {@code age-keygen} as the
 * independent implementation: what lifeboat encrypts, age decrypts and tar, zstd and sha256sum read; what age
 * re-encrypts, lifeboat restores. Without the key, list and verify still tell what they can; with the wrong key or
 * none, a restore fails in one line and leaves nothing behind; the plaintext is nowhere in what is stored.
 */
class EncryptionIT {

    /** A table name and a row only the database holds: neither may appear in what is stored. */
    private static final String TABLE = "confidential_payroll";
    private static final String ROW = "salary-of-the-ceo-31415926";

    @TempDir
    Path work;

    @Test
    void sqlite_encrypted_to_two_keys_is_listed_and_checked_without_a_key_and_restored_with_either() throws Exception {
        Path source = sqliteSource("app.db");
        Path operations = work.resolve("operations.txt");
        LifeboatProcess.Result generated = LifeboatProcess.run(work, "key", "generate", "-o", "operations.txt");
        assertThat(generated.exitCode()).as(generated.toString()).isZero();
        String operationsKey = generated.stdout().strip();
        assertThat(operationsKey).startsWith("age1").isEqualTo(ageRecipientOf(operations));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(operations))).isEqualTo("rw-------");
        String recoveryKey = ageKeygen("recovery.txt");
        ageKeygen("stranger.txt");
        List<LifeboatProcess.Result> runs = new ArrayList<>();

        LifeboatProcess.Result backup = record(runs, LifeboatProcess.run(work, "backup", "app.db", "--encrypt-to",
                operationsKey, "--encrypt-to", recoveryKey, "--verify", "--json"));
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        // this host has no identity: --verify checks what needs none, and says the rest was not checked
        JsonNode checks = Json.parse(backup.stdout()).get("verification").get("checks");
        assertThat(checks).extracting(check -> check.get("name").asText() + " " + check.get("status").asText())
                .containsExactly("archive checksum passed", "encryption header passed", "manifest and parts warning");
        JsonNode archive = Json.parse(backup.stdout()).get("archive");
        assertThat(archive.get("name").asText()).endsWith(".lifeboat.tar.age");
        assertThat(archive.get("encrypted").asBoolean()).isTrue();
        Path stored = Path.of(archive.get("path").asText());
        // the record of --verify lies beside it too, and like everything there says nothing of the content
        assertThat(repositoryFiles()).containsExactlyInAnyOrder(".lifeboat.lock", stored.getFileName().toString(),
                stored.getFileName() + ".sha256", stored.getFileName() + ".verified");
        assertPlaintextNowhereIn(work.resolve("backups"));

        JsonNode listed = Json.parse(record(runs, LifeboatProcess.run(work, "list", "--json")).stdout())
                .get("backups").get(0);
        assertThat(listed.get("encrypted").asBoolean()).isTrue();
        assertThat(listed.get("database").asText()).isEqualTo("app");
        assertThat(listed.has("createdAt")).isTrue();
        assertThat(listed.has("tables")).as("what only the manifest knows").isFalse();
        assertThat(record(runs, LifeboatProcess.run(work, "list")).stdout()).contains("app", "encrypted");

        LifeboatProcess.Result verify = record(runs, LifeboatProcess.run(work, "verify", "latest"));
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.stdout()).contains("archive checksum", "age-encryption.org/v1, 2 recipient stanzas",
                "need the identity");

        LifeboatProcess.Result inspect = record(runs, LifeboatProcess.run(work, "inspect", "latest"));
        assertThat(inspect.exitCode()).as(inspect.toString()).isEqualTo(2);
        assertThat(inspect.errorLine()).contains("is encrypted", "--identity", "LIFEBOAT_IDENTITY_FILE");
        LifeboatProcess.Result deep = record(runs, LifeboatProcess.run(work, "verify", "--deep", "latest"));
        assertThat(deep.exitCode()).as(deep.toString()).isEqualTo(2);
        assertThat(deep.errorLine()).contains("--identity");

        LifeboatProcess.Result deepWithKey = record(runs, LifeboatProcess.run(work, "verify", "--deep", "latest",
                "--identity", "recovery.txt"));
        assertThat(deepWithKey.exitCode()).as(deepWithKey.toString()).isZero();
        assertThat(deepWithKey.stdout()).contains("part database.sqlite", "fingerprint",
                "restores to the data it recorded");

        LifeboatProcess.Result restore = record(runs, LifeboatProcess.run(work, "restore", "latest", "one.db",
                "--identity", "operations.txt"));
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(restore.stdout()).contains("fingerprint");
        assertThat(SqliteDatabases.sqlite3(work.resolve("one.db"), ".dump"))
                .isEqualTo(SqliteDatabases.sqlite3(source, ".dump"));
        LifeboatProcess.Result viaVariable = record(runs, LifeboatProcess.run(work,
                Map.of("LIFEBOAT_IDENTITY_FILE", "recovery.txt"), "restore", "latest", "two.db"));
        assertThat(viaVariable.exitCode()).as(viaVariable.toString()).isZero();
        assertThat(SqliteDatabases.sqlite3(work.resolve("two.db"), ".dump"))
                .isEqualTo(SqliteDatabases.sqlite3(source, ".dump"));

        LifeboatProcess.Result stranger = record(runs, LifeboatProcess.run(work, "restore", "latest", "three.db",
                "--identity", "stranger.txt"));
        assertThat(stranger.exitCode()).as(stranger.toString()).isEqualTo(3);
        assertThat(stranger.errorLine()).contains("no identity in", "stranger.txt", "matches a recipient");
        LifeboatProcess.Result none = record(runs, LifeboatProcess.run(work, "restore", "latest", "four.db"));
        assertThat(none.exitCode()).as(none.toString()).isEqualTo(2);
        assertThat(none.errorLine()).contains("--identity", "LIFEBOAT_IDENTITY_FILE");
        assertThat(work.resolve("three.db")).doesNotExist();
        assertThat(work.resolve("four.db")).doesNotExist();
        assertThat(repositoryFiles()).as("no decrypted copy left behind").containsExactlyInAnyOrder(".lifeboat.lock",
                stored.getFileName().toString(), stored.getFileName() + ".sha256", stored.getFileName() + ".verified");

        assertNoSecretKeyIn(runs);
    }

    @Test
    void age_reads_what_lifeboat_encrypted_and_lifeboat_restores_what_age_encrypted() throws Exception {
        Path source = sqliteSource("app.db");
        String first = ageKeygen("first.txt");
        String second = ageKeygen("second.txt");
        LifeboatProcess.Result backup = LifeboatProcess.run(work, "backup", "app.db", "--encrypt-to", first, "--json");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        Path stored = Path.of(Json.parse(backup.stdout()).get("archive").get("path").asText());
        String name = stored.getFileName().toString();

        // lifeboat -> age: the sidecar, the tar inside, the parts' checksums in the manifest, the database
        assertThat(shell(stored.getParent(), "sha256sum -c " + name + ".sha256")).contains(name + ": OK");
        Path unpacked = Files.createDirectories(work.resolve("unpacked"));
        shell(unpacked, "age -d -i ../first.txt " + stored + " | tar -x");
        JsonNode manifest = Json.parse(Files.readString(unpacked.resolve("manifest.json")));
        JsonNode part = manifest.get("parts").get(0);
        assertThat(shell(unpacked, "sha256sum database.sqlite.zst")).startsWith(part.get("storedSha256").asText());
        shell(unpacked, "zstd -q -d database.sqlite.zst -o by-hand.db");
        assertThat(SqliteDatabases.sqlite3(unpacked.resolve("by-hand.db"), ".dump"))
                .isEqualTo(SqliteDatabases.sqlite3(source, ".dump"));

        // age -> lifeboat: re-encrypted to another key, with a fresh sidecar
        Path moved = Files.createDirectories(work.resolve("moved"));
        shell(moved, "age -d -i ../first.txt " + stored + " | age -r " + second + " -o " + name);
        shell(moved, "sha256sum " + name + " > " + name + ".sha256");
        LifeboatProcess.Result restore = LifeboatProcess.run(work, "restore", moved.resolve(name).toString(),
                "moved.db", "--identity", "second.txt");
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(SqliteDatabases.sqlite3(work.resolve("moved.db"), ".dump"))
                .isEqualTo(SqliteDatabases.sqlite3(source, ".dump"));
        LifeboatProcess.Result oldKey = LifeboatProcess.run(work, "restore", moved.resolve(name).toString(),
                "old-key.db", "--identity", "first.txt");
        assertThat(oldKey.exitCode()).as(oldKey.toString()).isEqualTo(3);

        // a plain archive lifeboat never encrypted, encrypted by age alone
        LifeboatProcess.Result plain = LifeboatProcess.run(work, "backup", "app.db", "--repo", "plain", "--json");
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        Path plainArchive = Path.of(Json.parse(plain.stdout()).get("archive").get("path").asText());
        Path byAge = Files.createDirectories(work.resolve("by-age"));
        String encryptedName = plainArchive.getFileName() + ".age";
        shell(byAge, "age -r " + second + " -o " + encryptedName + " " + plainArchive);
        shell(byAge, "sha256sum " + encryptedName + " > " + encryptedName + ".sha256");
        LifeboatProcess.Result verify = LifeboatProcess.run(work, "verify", "--deep",
                byAge.resolve(encryptedName).toString(), "--identity", "second.txt");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
    }

    @Test
    void the_configuration_file_encrypts_every_backup_and_names_the_identity_without_showing_it() throws Exception {
        Path source = sqliteSource("app.db");
        String key = ageKeygen("key.txt");
        Files.writeString(work.resolve("lifeboat.toml"), """
                [encryption]
                recipients = ["%s"]
                identity = "file:key.txt"
                [databases.app]
                location = "sqlite:%s"
                """.formatted(key, source));

        LifeboatProcess.Result check = LifeboatProcess.run(work, "config", "check");
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.stdout()).contains("recipients   " + key, "identity     " + work.resolve("key.txt"))
                .doesNotContain("AGE-SECRET-KEY");

        LifeboatProcess.Result backup = LifeboatProcess.run(work, "backup", "app", "--verify");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        assertThat(backup.stdout()).contains(".lifeboat.tar.age", "encrypted  to " + key,
                "restored into scratch space");
        LifeboatProcess.Result restore = LifeboatProcess.run(work, "restore", "latest:app", "copy.db");
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(SqliteDatabases.sqlite3(work.resolve("copy.db"), ".dump"))
                .isEqualTo(SqliteDatabases.sqlite3(source, ".dump"));
        // the data a restore replaces is backed up first, encrypted like every backup here
        LifeboatProcess.Result over = LifeboatProcess.run(work, "restore", "latest:app", "copy.db", "--overwrite",
                "--yes", "--json");
        assertThat(over.exitCode()).as(over.toString()).isZero();
        assertThat(Json.parse(over.stdout()).get("safetyBackup").get("name").asText())
                .contains("_pre-restore_").endsWith(".lifeboat.tar.age");

        Files.setPosixFilePermissions(work.resolve("key.txt"), PosixFilePermissions.fromString("rw-r--r--"));
        LifeboatProcess.Result readable = LifeboatProcess.run(work, "verify", "latest:app");
        assertThat(readable.exitCode()).as(readable.toString()).isZero();
        assertThat(readable.stderr()).contains("warning: the identity file " + work.resolve("key.txt")
                + " is readable by others");

        Files.writeString(work.resolve("lifeboat.toml"), "");
        LifeboatProcess.Result withoutKey = LifeboatProcess.run(work, "backup", "app.db", "--verify");
        assertThat(withoutKey.exitCode()).as(withoutKey.toString()).isZero();
        assertThat(withoutKey.stdout()).contains(".lifeboat.tar\n", "restored into scratch space");
    }

    /** {@code app_v2_TIME.lifeboat.tar.age} may be app labelled v2 or the database app_v2: only its manifest tells. */
    @Test
    void latest_of_a_database_refuses_another_databases_encrypted_archive_its_name_could_be() throws Exception {
        String key = ageKeygen("key.txt");
        SqliteDatabases.featureComplete(work.resolve("app.db"));
        SqliteDatabases.featureComplete(work.resolve("app_v2.db"));
        for (String database : List.of("app.db", "app_v2.db")) {
            LifeboatProcess.Result backup = LifeboatProcess.run(work, "backup", database, "--encrypt-to", key);
            assertThat(backup.exitCode()).as(backup.toString()).isZero();
            Thread.sleep(1100); // names are to the second, and app_v2's must be the newer
        }

        for (List<String> command : List.of(List.of("restore", "latest:app", "copy.db"),
                List.of("verify", "latest:app"), List.of("verify", "--deep", "latest:app"))) {
            List<String> arguments = new ArrayList<>(command);
            arguments.addAll(List.of("--identity", "key.txt"));
            LifeboatProcess.Result run = LifeboatProcess.run(work, arguments.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.stderr()).contains("but it is a backup of app_v2, not of app");
        }
        assertThat(work.resolve("copy.db")).doesNotExist();
        assertThat(repositoryFiles()).as("app_v2's archive was not what was asked for: no verification recorded")
                .noneMatch(name -> name.endsWith(".verified"));
    }

    @Test
    void bad_recipients_and_identities_are_one_line_errors_that_repeat_no_secret() throws Exception {
        sqliteSource("app.db");
        ageKeygen("key.txt");
        String secret = Files.readAllLines(work.resolve("key.txt")).get(2);

        LifeboatProcess.Result asRecipient = LifeboatProcess.run(work, "backup", "app.db", "--encrypt-to", secret);
        assertThat(asRecipient.exitCode()).as(asRecipient.toString()).isEqualTo(2);
        assertThat(asRecipient.errorLine()).contains("looks like a secret key");
        assertThat(asRecipient.stdout() + asRecipient.stderr()).doesNotContain(secret.substring(16));

        LifeboatProcess.Result bogus = LifeboatProcess.run(work, "backup", "app.db", "--encrypt-to", "age1bogus");
        assertThat(bogus.exitCode()).as(bogus.toString()).isEqualTo(2);
        assertThat(bogus.errorLine()).contains("'age1bogus' is not an age X25519 recipient");

        Files.writeString(work.resolve("recipients.txt"), "# operations\n\nage1alsobogus\n");
        LifeboatProcess.Result fromFile = LifeboatProcess.run(work, "backup", "app.db", "--recipients-file",
                "recipients.txt");
        assertThat(fromFile.exitCode()).as(fromFile.toString()).isEqualTo(2);
        assertThat(fromFile.errorLine()).contains("recipients.txt:3", "'age1alsobogus'");
        assertThat(work.resolve("backups")).doesNotExist();

        LifeboatProcess.Result again = LifeboatProcess.run(work, "key", "generate", "-o", "key.txt");
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(7);
        assertThat(again.errorLine()).contains("exists already");
        assertThat(Files.readAllLines(work.resolve("key.txt")).get(2)).isEqualTo(secret);
    }

    @Test
    void postgres_encrypted_backup_verifies_deeply_and_restores_with_the_key() throws Exception {
        TestServer server = PostgresServers.newest();
        String database = server.createDatabase("lb_it_age");
        server.execute(database,
                "CREATE TABLE " + TABLE + " (id bigserial PRIMARY KEY, person text NOT NULL, note text)",
                "INSERT INTO " + TABLE + " (person, note) SELECT 'person ' || i, 'note ' || i FROM generate_series(1, 500) i",
                "INSERT INTO " + TABLE + " (person, note) VALUES ('ceo', '" + ROW + "')");
        SortedMap<String, String> original = PostgresDatabases.content(server, database);
        String key = ageKeygen("key.txt");

        LifeboatProcess.Result backup = LifeboatProcess.run(work, "backup", server.url(database), "--encrypt-to", key,
                "--json");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        String archive = Json.parse(backup.stdout()).get("archive").get("name").asText();
        assertThat(archive).endsWith(".lifeboat.tar.age");
        assertPlaintextNowhereIn(work.resolve("backups"));

        LifeboatProcess.Result verify = LifeboatProcess.run(work, "verify", archive);
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        LifeboatProcess.Result deep = LifeboatProcess.run(work, "verify", "--deep", archive, "--identity", "key.txt");
        assertThat(deep.exitCode()).as(deep.toString()).isZero();
        assertThat(deep.stdout()).contains("fingerprint");

        String target = PostgresServers.uniqueName("lb_it_age_restored");
        LifeboatProcess.Result restore = LifeboatProcess.run(work, "restore", archive, server.url(target),
                "--identity", "key.txt");
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(PostgresDatabases.content(server, target)).isEqualTo(original);
    }

    /** The table name and the row are in a plain archive's manifest and data, and in no stored file here. */
    private static void assertPlaintextNowhereIn(Path repository) throws IOException {
        try (Stream<Path> files = Files.list(repository)) {
            for (Path file : files.toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(file.toString()).doesNotContain(TABLE).doesNotContain(ROW)
                        .doesNotContain("manifest.json");
            }
        }
    }

    /** The oracle: without encryption, the same grep finds the table's name, so the check above can fail. */
    @Test
    void the_plaintext_check_finds_the_table_in_an_unencrypted_archive() throws Exception {
        sqliteSource("app.db");
        assertThat(LifeboatProcess.run(work, "backup", "app.db").exitCode()).isZero();
        try (Stream<Path> files = Files.list(work.resolve("backups"))) {
            assertThat(files.filter(file -> file.toString().endsWith(".lifeboat.tar")).toList()).singleElement()
                    .satisfies(file -> assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                            .contains(TABLE, "manifest.json"));
        }
    }

    private Path sqliteSource(String name) {
        Path source = SqliteDatabases.featureComplete(work.resolve(name));
        SqliteDatabases.execute(source, "CREATE TABLE " + TABLE + " (id INTEGER PRIMARY KEY, person TEXT, note TEXT);\n"
                + "INSERT INTO " + TABLE + " (person, note) VALUES ('ceo', '" + ROW + "');");
        return source;
    }

    private List<String> repositoryFiles() throws IOException {
        try (Stream<Path> files = Files.list(work.resolve("backups"))) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }

    /** Makes an identity with age-keygen and returns its recipient. */
    private String ageKeygen(String file) throws Exception {
        shell(work, "age-keygen -o " + file + " 2>/dev/null");
        return ageRecipientOf(work.resolve(file));
    }

    private String ageRecipientOf(Path identity) throws Exception {
        return shell(work, "age-keygen -y " + identity).strip();
    }

    private static LifeboatProcess.Result record(List<LifeboatProcess.Result> runs, LifeboatProcess.Result result) {
        runs.add(result);
        return result;
    }

    private static void assertNoSecretKeyIn(List<LifeboatProcess.Result> runs) {
        assertThat(runs).allSatisfy(run -> assertThat(run.stdout() + run.stderr()).doesNotContain("AGE-SECRET-KEY"));
    }

    /** Runs a shell command line, which must succeed; returns what it printed. */
    private static String shell(Path directory, String command) throws Exception {
        Process process = new ProcessBuilder("bash", "-o", "pipefail", "-c", command).directory(directory.toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(command + ": " + output).isZero();
        return output;
    }
}
