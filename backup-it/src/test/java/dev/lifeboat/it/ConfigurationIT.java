package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running unattended: a configuration file, --all, precedence, alerts. */
class ConfigurationIT {

    @TempDir
    Path work;

    @BeforeEach
    void databases() {
        for (String name : List.of("shop", "blog")) {
            SqliteDatabases.execute(work.resolve(name + ".db"), "CREATE TABLE t (x); INSERT INTO t VALUES ('" + name + "');");
        }
    }

    @Test
    void backup_all_goes_on_past_a_broken_database_exits_non_zero_and_sends_the_failure() throws IOException {
        Files.writeString(work.resolve("lifeboat.toml"), """
                repository = "repo"

                [databases.shop]
                location = "shop.db"

                [databases.broken]
                location = "sqlite:missing.db"

                [databases.blog]
                location = "blog.db"
                label = "nightly"
                """);
        try (HookServer hooks = new HookServer()) {
            LifeboatProcess.Result run = LifeboatProcess.run(work, "backup", "--all", "--notify", hooks.url("/ping/secret-uuid"));

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
            assertThat(run.stdout()).contains("Backed up shop", "Backed up blog", "2 of 3 databases backed up; failed: broken");
            assertThat(run.stderr()).contains("lifeboat: broken: no such file");
            assertThat(Files.list(work.resolve("repo")).map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".lifeboat.tar")))
                    .anyMatch(name -> name.startsWith("shop_")).anyMatch(name -> name.startsWith("blog_nightly_"));

            // one document for the whole run, with every database's result
            assertThat(hooks.received()).singleElement().satisfies(hook -> {
                assertThat(hook.method()).isEqualTo("POST");
                assertThat(hook.path()).isEqualTo("/ping/secret-uuid");
                assertThat(hook.contentType()).isEqualTo("application/json");
                JsonNode body = Json.parse(hook.body());
                assertThat(body.get("ok").asBoolean()).isFalse();
                assertThat(body.get("failed").toString()).isEqualTo("[\"broken\"]");
                JsonNode broken = body.get("results").get(1);
                assertThat(broken.get("target").asText()).isEqualTo("broken");
                assertThat(broken.get("error").get("code").asText()).isEqualTo("unavailable");
                assertThat(broken.get("error").get("exitCode").asInt()).isEqualTo(3);
                assertThat(body.get("results").get(0).get("ok").asBoolean()).isTrue();
            });
        }
    }

    @Test
    void a_notification_carries_the_same_document_json_prints() {
        try (HookServer hooks = new HookServer()) {
            LifeboatProcess.Result run = LifeboatProcess.run(work, "backup", "shop.db", "--json", "--notify",
                    hooks.url("/hook"), "--notify-on", "always");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(hooks.received()).singleElement()
                    .satisfies(hook -> assertThat(Json.parse(hook.body())).isEqualTo(Json.parse(run.stdout())));
        }
    }

    @Test
    void a_database_that_cannot_be_used_is_still_notified() {
        try (HookServer hooks = new HookServer()) {
            LifeboatProcess.Result run = LifeboatProcess.run(work, "backup", "sqlite:missing.db", "--notify", hooks.url("/h"));

            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(hooks.received()).singleElement().satisfies(hook -> {
                JsonNode body = Json.parse(hook.body());
                assertThat(body.get("target").asText()).isEqualTo("sqlite:missing.db");
                assertThat(body.get("error").get("message").asText()).contains("no such file");
            });
        }
    }

    @Test
    void a_notification_that_cannot_be_delivered_never_fails_the_backup() {
        LifeboatProcess.Result run = LifeboatProcess.run(work, "backup", "shop.db", "--notify",
                "http://127.0.0.1:9/token-in-path", "--notify-on", "always");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stderr()).contains("notification to http://127.0.0.1:9/").doesNotContain("token-in-path");
    }

    @Test
    void flags_beat_the_environment_which_beats_the_file_which_beats_the_default() throws IOException {
        Files.writeString(work.resolve("lifeboat.toml"), """
                repository = "from-file"
                [databases.shop]
                location = "shop.db"
                """);

        assertThat(LifeboatProcess.run(work, "backup", "shop").exitCode()).isZero();
        assertThat(LifeboatProcess.run(work, Map.of("LIFEBOAT_REPO", "from-env"), "backup", "shop").exitCode()).isZero();
        assertThat(LifeboatProcess.run(work, Map.of("LIFEBOAT_REPO", "from-env"), "backup", "shop", "--repo", "from-flag")
                .exitCode()).isZero();
        Files.delete(work.resolve("lifeboat.toml"));
        assertThat(LifeboatProcess.run(work, "backup", "shop.db").exitCode()).isZero();

        for (String repository : List.of("from-file", "from-env", "from-flag", "backups")) {
            assertThat(LifeboatProcess.run(work, "list", "--json", "--repo", repository).stdout())
                    .as(repository).contains("\"database\": \"shop\"");
        }
    }

    @Test
    void config_check_names_file_line_and_key_of_every_problem() throws IOException {
        Files.writeString(work.resolve("lifeboat.toml"), """
                compression = "lz4"

                [databases.shop]
                label = "no spaces allowed"
                """);

        LifeboatProcess.Result check = LifeboatProcess.run(work, "config", "check");

        assertThat(check.exitCode()).as(check.toString()).isEqualTo(2);
        assertThat(check.stderr()).contains("lifeboat.toml:1: compression", "lifeboat.toml:4: databases.shop.label")
                .contains("databases.shop").contains("location");
    }

    @Test
    void config_check_shows_the_settings_in_effect_and_never_a_password() throws IOException {
        Path file = Files.writeString(work.resolve("lifeboat.toml"), """
                repository = "repo"
                [keep]
                daily = 7
                [databases.shop]
                location = "shop.db"
                password = "hunter2-literal"
                [databases.blog]
                location = "blog.db"
                password = "env:BLOG_PASSWORD"
                """);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        LifeboatProcess.Result check = LifeboatProcess.run(work, Map.of("BLOG_PASSWORD", "s3cret-env"), "config", "check");

        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.stdout() + check.stderr()).doesNotContain("hunter2-literal", "s3cret-env");
        assertThat(check.stdout()).contains("is valid", "daily 7", "env:BLOG_PASSWORD (set)", "lifeboat.toml:1");
        assertThat(check.stderr()).contains("warning:", "others can read");
    }

    @Test
    void database_url_from_dot_env_local_is_preferred_over_dot_env() throws IOException {
        Files.writeString(work.resolve(".env"), "DATABASE_URL=sqlite:shop.db\n");
        Files.writeString(work.resolve(".env.local"), "DATABASE_URL=sqlite:blog.db\n");

        LifeboatProcess.Result run = LifeboatProcess.run(work, "backup");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("Backed up blog");
    }
}
