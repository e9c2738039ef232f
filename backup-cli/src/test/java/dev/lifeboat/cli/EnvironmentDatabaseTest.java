package dev.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database a team's DB_* settings describe: the environment first, then .env.local, then .env; where each value
 * came from in {@code config check}; and the password in no output.
 */
class EnvironmentDatabaseTest {

    private static final String PASSWORD = "Correct-Horse-91c2";

    @TempDir
    Path directory;

    @Test
    void config_check_shows_each_value_with_its_origin_and_never_the_password() throws Exception {
        Files.writeString(directory.resolve(".env"), """
                DB_HOST=db.internal
                DB_PORT=5433
                DB_NAME=shop
                DB_USER=wrong
                DB_PASSWORD=%s
                """.formatted(PASSWORD));
        Files.writeString(directory.resolve(".env.local"), "DB_USER=app\n");
        CommandLineHarness lifeboat = new CommandLineHarness(directory, Map.of("DB_NAME", "shop_live"));

        int exit = lifeboat.run("config", "check", "--json");

        assertThat(exit).as(lifeboat.err()).isZero();
        JsonNode database = new ObjectMapper().readTree(lifeboat.out()).get("environmentDatabase");
        assertThat(database.get("location").get("value").asText())
                .isEqualTo("postgresql://app@db.internal:5433/shop_live");
        assertThat(database.get("env").get("value").asText()).isEqualTo("prod");
        assertThat(database.get("DB_NAME").get("from").asText()).isEqualTo("environment");
        assertThat(database.get("DB_USER").get("from").asText()).isEqualTo(".env.local:1");
        assertThat(database.get("DB_HOST").get("from").asText()).isEqualTo(".env:1");
        assertThat(database.get("DB_PASSWORD").get("value").asText()).isEqualTo("****");
        assertThat(database.get("DB_PASSWORD").get("from").asText()).isEqualTo(".env:5");
        assertThat(lifeboat.out() + lifeboat.err()).doesNotContain(PASSWORD);
    }

    /** A password written into a configured location's URL is shown by no output, config check's included. */
    @Test
    void config_check_shows_a_configured_location_without_its_password() throws Exception {
        Files.writeString(directory.resolve("lifeboat.toml"), """
                [databases.shop]
                location = "postgresql://app:%s@db.internal:5433/shop"
                """.formatted(PASSWORD));
        CommandLineHarness text = new CommandLineHarness(directory, Map.of());
        CommandLineHarness json = new CommandLineHarness(directory, Map.of());

        assertThat(text.run("config", "check")).as(text.err()).isZero();
        assertThat(json.run("config", "check", "--json")).as(json.err()).isZero();

        assertThat(text.out()).contains("postgresql://app@db.internal:5433/shop");
        assertThat(text.out() + text.err() + json.out() + json.err()).doesNotContain(PASSWORD);
    }

    @Test
    void env_mode_picks_the_dev_variables_and_an_explicit_env_wins() throws Exception {
        Files.writeString(directory.resolve(".env"), """
                ENV_MODE=development
                DB_HOST=db.internal
                DB_NAME=shop
                DEV_DB_HOST=localhost
                DEV_DB_NAME=shop_dev
                """);
        CommandLineHarness auto = new CommandLineHarness(directory, Map.of());
        assertThat(auto.run("config", "check")).as(auto.err()).isZero();
        assertThat(auto.out()).contains("postgresql://localhost/shop_dev", "dev", "ENV_MODE (.env:1)");

        CommandLineHarness prod = new CommandLineHarness(directory, Map.of());
        assertThat(prod.run("config", "check", "--env", "prod")).as(prod.err()).isZero();
        assertThat(prod.out()).contains("postgresql://db.internal/shop").doesNotContain("shop_dev");
    }

    @Test
    void bad_settings_are_usage_errors_that_say_which_variable() throws Exception {
        assertUsageError(Map.of("DB_HOST", "db.internal"), "backup",
                "DB_NAME is not set, while DB_HOST is");
        assertUsageError(Map.of("DB_HOST", "db.internal", "DB_NAME", "shop", "DB_PORT", "54x"), "backup",
                "DB_PORT='54x' (environment) is not a port number");
        assertUsageError(Map.of("ENV_MODE", "staging", "DB_HOST", "h", "DB_NAME", "n"), "backup",
                "ENV_MODE='staging' (environment) is neither dev nor prod");
        assertUsageError(Map.of("DB_HOST", "h", "DB_NAME", "n"), "backup --env test",
                "--env takes dev, prod or auto, not 'test'");
        assertUsageError(Map.of("DB_HOST", "h", "DB_NAME", "n"), "backup --env dev",
                "--env dev reads DEV_DB_HOST, DEV_DB_NAME and the like, and none of them is set");
        assertUsageError(Map.of("DATABASE_URL", "sqlite:app.db", "DB_HOST", "h", "DB_NAME", "n"), "backup --env prod",
                "--env picks the DB_* or DEV_DB_* variables");
        assertUsageError(Map.of(), "backup", "no database given");
    }

    private void assertUsageError(Map<String, String> variables, String command, String message) {
        CommandLineHarness lifeboat = new CommandLineHarness(directory, variables);
        int exit = lifeboat.run(command.split(" "));
        assertThat(exit).as(command + " with " + variables + ": " + lifeboat.err()).isEqualTo(2);
        assertThat(lifeboat.err()).contains(message);
    }
}
