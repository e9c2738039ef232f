package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.adapter.postgres.TestSchemas;
import dev.lifeboat.adapter.s3.S3TestServer;
import dev.lifeboat.domain.spi.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Object storage through the real jar, against a real S3 server in this process (s3proxy): every command works on a
 * bucket as on a directory, archives copy between the two byte for byte, a client that is not lifeboat (the AWS CLI)
 * downloads an archive that tar, zstd and sha256sum read, and a bad bucket, bad credentials or an unreachable
 * endpoint end in one line with exit 3 and the secret nowhere.
 */
class ObjectStorageIT {

    private static S3TestServer s3;

    @TempDir
    Path work;

    private String bucket;
    private Map<String, String> environment;

    @BeforeAll
    static void startS3() {
        s3 = S3TestServer.start();
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @BeforeEach
    void freshBucket() {
        bucket = "it-" + Long.toHexString(System.nanoTime());
        s3.createBucket(bucket);
        environment = s3.environment();
    }

    @Test
    void sqlite_backup_list_verify_restore_and_prune_in_a_bucket() {
        Path source = SqliteDatabases.featureComplete(work.resolve("app.db"));
        String repository = "s3://" + bucket + "/prod";
        String first = backup(repository, "2026-12-01T10:00:00Z", "app.db");
        String second = backup(repository, "2026-12-02T10:00:00Z", "app.db");

        LifeboatProcess.Result list = run("list", "--json", "--repo", repository);
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(Json.parse(list.stdout()).get("backups")).extracting(node -> node.get("name").asText())
                .containsExactly(second, first);
        assertThat(objectNames("prod/")).contains("prod/" + first, "prod/" + first + ".sha256",
                "prod/" + second, "prod/" + second + ".sha256", "prod/.lifeboat.listing");

        LifeboatProcess.Result verify = run("verify", "--deep", "latest", "--repo", repository);
        assertThat(verify.exitCode()).as(verify.toString()).isZero();

        LifeboatProcess.Result restore = run("restore", "latest:app", "restored.db", "--repo", repository);
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(SqliteDatabases.sqlite3(work.resolve("restored.db"), ".sha3sum"))
                .isEqualTo(SqliteDatabases.sqlite3(source, ".sha3sum"));

        LifeboatProcess.Result prune = run("prune", "--keep-last", "1", "--repo", repository);
        assertThat(prune.exitCode()).as(prune.toString()).isZero();
        assertThat(objectNames("prod/")).noneMatch(name -> name.startsWith("prod/" + first));
        assertThat(objectNames("prod/")).contains("prod/" + second, "prod/" + second + ".sha256");
        assertThat(incompleteUploads()).isEmpty();
    }

    @Test
    void postgres_backup_verify_and_restore_through_a_bucket() throws Exception {
        TestServer server = PostgresServers.newest();
        String database = server.createDatabase("lb_it_s3");
        TestSchemas.loadEverything(server, database);
        SortedMap<String, String> original = PostgresDatabases.content(server, database);
        String repository = "s3://" + bucket;

        String archive = backup(repository, "2026-12-03T10:00:00Z", server.url(database));
        LifeboatProcess.Result verify = run("verify", "--deep", archive, "--repo", repository);
        assertThat(verify.exitCode()).as(verify.toString()).isZero();

        String target = PostgresServers.uniqueName("lb_it_s3_restored");
        LifeboatProcess.Result restore = run("restore", archive, server.url(target), "--repo", repository);
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(PostgresDatabases.content(server, target)).isEqualTo(original);
    }

    @Test
    void archives_copied_to_a_bucket_and_back_are_byte_identical_and_list_alike() throws IOException {
        SqliteDatabases.featureComplete(work.resolve("app.db"));
        Path local = work.resolve("local");
        backup(local.toString(), "2026-12-01T10:00:00Z", "app.db");
        backup(local.toString(), "2026-12-02T10:00:00Z", "app.db");
        String remote = "s3://" + bucket + "/offsite";

        LifeboatProcess.Result up = run("copy", "--all", "--to", remote, "--repo", local.toString());
        assertThat(up.exitCode()).as(up.toString()).isZero();
        LifeboatProcess.Result again = run("copy", "--all", "--to", remote, "--repo", local.toString());
        assertThat(again.exitCode()).as("a second copy skips what the bucket has: " + again).isZero();
        Path back = work.resolve("back");
        LifeboatProcess.Result down = run("copy", "--all", "--to", back.toString(), "--repo", remote);
        assertThat(down.exitCode()).as(down.toString()).isZero();

        assertThat(checksums(back)).isEqualTo(checksums(local)).hasSize(4);
        assertThat(listing(remote)).isEqualTo(listing(local.toString()));
    }

    /**
     * An encrypted backup leaves nothing readable in the bucket (no manifest copy beside it), lists and verifies there
     * without the key, restores with it, and copies out of the bucket without it, checked against its sidecar.
     */
    @Test
    void an_encrypted_backup_in_a_bucket_keeps_no_manifest_copy_and_copies_out_without_the_key() throws IOException {
        Path source = SqliteDatabases.featureComplete(work.resolve("app.db"));
        tool(work, "age-keygen", "-o", "key.txt");
        String recipient = tool(work, "age-keygen", "-y", "key.txt").strip();
        String repository = "s3://" + bucket + "/prod";
        Map<String, String> at = new HashMap<>(environment);
        at.put("LIFEBOAT_NOW", "2026-12-01T10:00:00Z");
        LifeboatProcess.Result backup = LifeboatProcess.run(work, at, "backup", "app.db", "--repo", repository,
                "--encrypt-to", recipient, "--json");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        String archive = Json.parse(backup.stdout()).get("archive").get("name").asText();
        assertThat(archive).isEqualTo("app_2026-12-01T10-00-00Z.lifeboat.tar.age");
        assertThat(objectNames("prod/")).contains("prod/" + archive, "prod/" + archive + ".sha256")
                .noneMatch(name -> name.endsWith(".manifest.json"));

        List<JsonNode> listed = listing(repository);
        assertThat(listed).singleElement().satisfies(entry -> {
            assertThat(entry.get("encrypted").asBoolean()).isTrue();
            assertThat(entry.get("database").asText()).isEqualTo("app");
        });
        LifeboatProcess.Result verify = run("verify", "latest", "--repo", repository);
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.stdout()).contains("encryption header", "need the identity");

        LifeboatProcess.Result restore = run("restore", "latest:app", "restored.db", "--repo", repository,
                "--identity", "key.txt");
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(SqliteDatabases.sqlite3(work.resolve("restored.db"), ".sha3sum"))
                .isEqualTo(SqliteDatabases.sqlite3(source, ".sha3sum"));

        Path local = work.resolve("local");
        LifeboatProcess.Result down = run("copy", "--all", "--to", local.toString(), "--repo", repository);
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(tool(local, "sha256sum", "-c", archive + ".sha256")).contains(archive + ": OK");
        assertThat(incompleteUploads()).isEmpty();
    }

    @Test
    void the_aws_cli_downloads_an_archive_that_tar_zstd_and_sha256sum_read_without_lifeboat() throws IOException {
        SqliteDatabases.featureComplete(work.resolve("app.db"));
        String archive = backup("s3://" + bucket + "/prod", "2026-12-01T10:00:00Z", "app.db");
        Path download = Files.createDirectory(work.resolve("download"));

        for (String name : List.of(archive, archive + ".sha256")) {
            tool(download, awsCli(), "--endpoint-url", s3.endpoint().toString(), "s3", "cp",
                    "s3://" + bucket + "/prod/" + name, name);
        }
        assertThat(tool(download, "sha256sum", "-c", archive + ".sha256")).contains(archive + ": OK");
        String members = tool(download, "tar", "-tf", archive);
        assertThat(members.lines()).contains("manifest.json").anyMatch(member -> member.endsWith(".zst"));
        tool(download, "tar", "-xf", archive);
        String part = members.lines().filter(member -> member.endsWith(".zst")).findFirst().orElseThrow();
        tool(download, "zstd", "-t", part);
        assertThat(Json.parse(Files.readString(download.resolve("manifest.json"))).get("engine").get("id").asText())
                .isEqualTo("sqlite");
    }

    @Test
    void a_missing_bucket_wrong_credentials_or_no_server_exit_3_in_one_line_without_the_secret() {
        SqliteDatabases.featureComplete(work.resolve("app.db"));

        LifeboatProcess.Result missing = run("backup", "app.db", "--repo", "s3://no-such-bucket-here/x");
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(3);
        assertThat(missing.errorLine()).contains("no-such-bucket-here").contains(s3.endpoint().toString());
        assertThat(s3.client().listBuckets().buckets()).noneMatch(b -> b.name().equals("no-such-bucket-here"));

        Map<String, String> wrong = new HashMap<>(environment);
        String wrongSecret = "not-the-secret-" + Long.toHexString(System.nanoTime());
        wrong.put("AWS_SECRET_ACCESS_KEY", wrongSecret);
        LifeboatProcess.Result denied = LifeboatProcess.run(work, wrong, "backup", "app.db", "--repo",
                "s3://" + bucket + "/x");
        assertThat(denied.exitCode()).as(denied.toString()).isEqualTo(3);
        assertThat(denied.errorLine()).contains(bucket);
        assertThat(denied.stdout() + denied.stderr()).doesNotContain(wrongSecret, S3TestServer.SECRET_ACCESS_KEY);
        LifeboatProcess.Result deniedVerbose = LifeboatProcess.run(work, wrong, "list", "--verbose", "--repo",
                "s3://" + bucket + "/x");
        assertThat(deniedVerbose.exitCode()).isEqualTo(3);
        assertThat(deniedVerbose.stdout() + deniedVerbose.stderr()).doesNotContain(wrongSecret);

        Map<String, String> nowhere = new HashMap<>(environment);
        nowhere.put("LIFEBOAT_S3_ENDPOINT", "http://127.0.0.1:9");
        LifeboatProcess.Result unreachable = LifeboatProcess.run(work, nowhere, "list", "--repo", "s3://" + bucket);
        assertThat(unreachable.exitCode()).as(unreachable.toString()).isEqualTo(3);
        assertThat(unreachable.errorLine()).contains(bucket).contains("127.0.0.1:9");

        assertThat(objectNames("")).isEmpty();
        assertThat(incompleteUploads()).isEmpty();
    }

    private String backup(String repository, String now, String database) {
        Map<String, String> at = new HashMap<>(environment);
        at.put("LIFEBOAT_NOW", now);
        LifeboatProcess.Result backup = LifeboatProcess.run(work, at, "backup", database, "--repo", repository,
                "--json");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        return Json.parse(backup.stdout()).get("archive").get("name").asText();
    }

    private LifeboatProcess.Result run(String... args) {
        return LifeboatProcess.run(work, environment, args);
    }

    /** The listing as a user compares two repositories: every field but where each archive is. */
    private List<JsonNode> listing(String repository) {
        LifeboatProcess.Result list = run("list", "--json", "--repo", repository);
        assertThat(list.exitCode()).as(list.toString()).isZero();
        List<JsonNode> backups = new ArrayList<>();
        for (JsonNode backup : Json.parse(list.stdout()).get("backups")) {
            ((ObjectNode) backup).remove("path");
            backups.add(backup);
        }
        return backups;
    }

    private List<String> objectNames(String prefix) {
        return s3.client().listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).sorted().toList();
    }

    private List<String> incompleteUploads() {
        return s3.client().listMultipartUploads(request -> request.bucket(bucket)).uploads().stream()
                .map(upload -> upload.key()).toList();
    }

    /** The SHA-256 of each archive and sidecar (not the lock file, which only the directory has). */
    private static SortedMap<String, String> checksums(Path directory) throws IOException {
        SortedMap<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith(".")).toList()) {
                sums.put(file.getFileName().toString(),
                        Sha256.hex(Sha256.newDigest().digest(Files.readAllBytes(file))));
            }
        }
        return sums;
    }

    /** Debian's AWS CLI, which .ci/run installs, else whichever is on the PATH. */
    private static String awsCli() {
        return Files.isExecutable(Path.of("/usr/bin/aws")) ? "/usr/bin/aws" : "aws";
    }

    /** Runs a tool that is not lifeboat, with the test server's credentials, and returns what it printed. */
    private String tool(Path directory, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + " could not run: is it installed? .ci/run "
                    + "installs it", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
