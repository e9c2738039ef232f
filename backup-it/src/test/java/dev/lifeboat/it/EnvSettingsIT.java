package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.DedicatedServer;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moving from a team's own backup script: the database comes from DB_* (or DEV_DB_*) in the environment,
 * .env.local and .env, as the script read it; the environment is the backup's label; a production backup of this
 * machine warns. The server checks passwords (scram-sha-256), so a backup that succeeds proves the password from the
 * file was used; the password then appears in no output, no process listing, no manifest.
 */
class EnvSettingsIT {

    @TempDir
    Path work;

    @TempDir
    Path serverDirectory;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeWhatTheTestOpened() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void a_backup_from_the_settings_a_team_script_read_is_labelled_with_its_environment_and_keeps_the_password_secret()
            throws Exception {
        DedicatedServer dedicated = PostgresServers.dedicated(PostgresServers.Version.NEWEST,
                serverDirectory.resolve("data"));
        toClose.add(dedicated);
        TestServer server = dedicated.server();
        String password = "Env-" + UUID.randomUUID().toString().replace("-", "");
        String role = PostgresServers.uniqueName("lb_it_env_role");
        String database = server.createDatabase("lb_it_env");
        server.execute(database,
                "CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'",
                "ALTER DATABASE " + database + " OWNER TO " + role,
                "CREATE TABLE orders (id bigint PRIMARY KEY, note text NOT NULL)",
                "ALTER TABLE orders OWNER TO " + role,
                "INSERT INTO orders SELECT i, repeat(md5(i::text), 8) FROM generate_series(1, 100000) i");
        requirePasswords(dedicated, server, role, database, password);
        Files.writeString(work.resolve(".env"), """
                # what the team's backup script sourced
                export DB_HOST=localhost
                DB_PORT=%d
                DB_NAME=%s
                DB_USER=%s   # the application's role
                DB_PASSWORD="%s"

                DEV_DB_HOST=127.0.0.1
                DEV_DB_PORT=%d
                DEV_DB_NAME=%s
                DEV_DB_USER=%s
                """.formatted(server.port(), database, role, password, server.port(), database, role));
        Files.writeString(work.resolve(".env.local"), "DEV_DB_PASSWORD='" + password + "'\n");
        List<LifeboatProcess.Result> results = new ArrayList<>();

        // auto, without ENV_MODE: prod, from DB_*; localhost is worth a warning
        PostgresStartedRun prodRun = PostgresStartedRun.start(work, Map.of(), "backup", "--verbose", "--json");
        SecurityPasswordSearch.Samples listings = SecurityPasswordSearch.sampleWhileRunning(prodRun, password);
        LifeboatProcess.Result prod = prodRun.finish(Duration.ofMinutes(5));
        results.add(prod);
        assertThat(prod.exitCode()).as(prod.toString()).isZero();
        assertThat(Json.parse(prod.stdout()).get("archive").get("name").asText()).startsWith(database + "_prod_");
        assertThat(prod.stderr()).contains("warning: a prod backup of a database on this machine (DB_HOST=localhost"
                + " (.env:2))");
        assertThat(listings.count()).as("process listings taken during the backup").isGreaterThanOrEqualTo(3);
        assertThat(listings.linesWithPassword()).as("process listings showing the password").isEmpty();

        // ENV_MODE=dev: DEV_DB_*, its password from .env.local; no warning for a development database
        LifeboatProcess.Result dev = LifeboatProcess.run(work, Map.of("ENV_MODE", "dev"), "backup", "--json");
        results.add(dev);
        assertThat(dev.exitCode()).as(dev.toString()).isZero();
        assertThat(Json.parse(dev.stdout()).get("archive").get("name").asText()).startsWith(database + "_dev_");
        assertThat(dev.stderr()).doesNotContain("warning");

        // --label wins over the environment's label
        LifeboatProcess.Result labelled = LifeboatProcess.run(work, "backup", "--env", "prod", "--label", "nightly",
                "--json");
        results.add(labelled);
        assertThat(labelled.exitCode()).as(labelled.toString()).isZero();
        assertThat(Json.parse(labelled.stdout()).get("archive").get("name").asText())
                .startsWith(database + "_nightly_");

        // the environment wins over the files: a wrong DB_PASSWORD there is used, and refused by the server
        LifeboatProcess.Result wrong = LifeboatProcess.run(work, Map.of("DB_PASSWORD", "Wrong-" + password),
                "backup");
        results.add(wrong);
        assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(3);
        assertThat(wrong.errorLine()).containsIgnoringCase("password");

        LifeboatProcess.Result check = LifeboatProcess.run(work, "config", "check");
        results.add(check);
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.stdout()).containsPattern("DB_PASSWORD +\\*\\*\\*\\* +\\(\\.env:6\\)")
                .containsPattern("DB_USER +" + role + " +\\(\\.env:5\\)");

        LifeboatProcess.Result inspect = LifeboatProcess.run(work, "inspect", "latest", "--json", "--verbose");
        results.add(inspect);
        assertThat(inspect.exitCode()).as(inspect.toString()).isZero();
        for (LifeboatProcess.Result result : results) {
            assertThat(result.stdout() + result.stderr()).as("everything lifeboat printed").doesNotContain(password);
        }
        for (Path archive : archives()) {
            assertThat(manifest(archive)).as("the manifest of " + archive.getFileName()).doesNotContain(password)
                    .containsAnyOf("localhost:" + server.port(), "127.0.0.1:" + server.port());
        }
    }

    private List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(work.resolve("backups"))) {
            List<Path> archives = files.filter(file -> file.getFileName().toString().endsWith(".lifeboat.tar"))
                    .toList();
            assertThat(archives).hasSize(3);
            return archives;
        }
    }

    /** The manifest, read with tar. */
    private static String manifest(Path archive) throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", "-xOf", archive.toString(), "manifest.json").start();
        String manifest = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as("tar -xOf manifest.json").isZero();
        return manifest;
    }

    /** Makes the server check the passwords of every role but the superuser, and waits until it does. */
    private static void requirePasswords(DedicatedServer dedicated, TestServer server, String role, String database,
                                         String password) throws Exception {
        Files.writeString(dedicated.dataDirectory().resolve("pg_hba.conf"), """
                local all postgres trust
                host  all postgres 127.0.0.1/32 trust
                host  all postgres ::1/128 trust
                local all all scram-sha-256
                host  all all 127.0.0.1/32 scram-sha-256
                host  all all ::1/128 scram-sha-256
                """);
        server.execute("postgres", "SELECT pg_reload_conf()");
        for (int attempt = 0; attempt < 200; attempt++) {
            try (Connection ignored = DriverManager.getConnection(server.jdbcUrl(database), role, "wrong")) {
                Thread.sleep(50);
            } catch (SQLException refused) {
                assertThat(refused.getSQLState()).isEqualTo("28P01");
                try (Connection accepted = DriverManager.getConnection(server.jdbcUrl(database), role, password)) {
                    assertThat(accepted.isValid(5)).isTrue();
                }
                return;
            }
        }
        throw new AssertionError("the server still accepts a wrong password after reloading pg_hba.conf");
    }
}
