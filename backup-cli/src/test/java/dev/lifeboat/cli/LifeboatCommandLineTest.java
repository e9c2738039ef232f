package dev.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LifeboatCommandLineTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"backup", "list", "inspect", "verify", "restore", "export", "prune", "copy", "config",
        "engines", "check", "completion"})
    void every_command_has_help_with_examples_and_the_exit_code_table(String command) {
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of());

        int status = cli.run(command, "--help");

        assertThat(status).isZero();
        assertThat(cli.out()).contains("Usage: lifeboat " + command, "Example", "Exit codes:",
                "0   success", "6   verification failed", "9   stale", "130   interrupted");
    }

    @Test
    void no_command_prints_usage_and_exits_2() {
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of());

        assertThat(cli.run()).isEqualTo(2);
        assertThat(cli.err()).contains("Usage: lifeboat", "backup", "restore");
    }

    @Test
    void the_help_lists_every_command() {
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of());

        assertThat(cli.run("--help")).isZero();
        // a run that names a command builds that one alone; the help, which names none, lists them all
        String commands = cli.out().substring(cli.out().indexOf("Commands:"), cli.out().indexOf("Exit codes:"));
        assertThat(commands.lines().filter(line -> line.matches("  [a-z]+ +[A-Z].*"))
                .map(line -> line.trim().split(" ")[0]))
                .containsExactly("backup", "list", "inspect", "verify", "restore", "export", "prune", "copy", "config",
                        "key", "engines", "check", "report", "completion");
    }

    @Test
    void a_mistyped_command_is_answered_with_the_one_meant() {
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of());

        assertThat(cli.run("restor", "latest")).isEqualTo(2);
        assertThat(cli.err()).contains("'restor'", "lifeboat restore");
    }

    @Test
    void version_names_lifeboat() {
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of());

        assertThat(cli.run("--version")).isZero();
        // the build's version (version.properties, filtered by Maven), never "unknown"
        assertThat(cli.out()).containsPattern("^lifeboat \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
    }

    @Test
    void an_unknown_option_is_a_usage_error_with_a_hint() {
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of());

        assertThat(cli.run("backup", "--frobnicate")).isEqualTo(2);
        assertThat(cli.err()).contains("Unknown option: '--frobnicate'", "lifeboat backup --help");
    }

    @Test
    void a_usage_error_with_json_is_a_json_document_on_stdout() {
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of());

        assertThat(cli.run("backup", "--json", "--lock-timeout", "soon")).isEqualTo(2);
        assertThat(cli.out()).contains("\"ok\": false", "\"code\": \"usage\"", "\"exitCode\": 2", "not a duration");
    }

    @Test
    void a_lock_timeout_is_for_every_engine_and_engine_flags_only_for_engines_that_take_them() throws Exception {
        java.nio.file.Path shop = java.nio.file.Files.copy(java.nio.file.Path.of("../examples/shop.db"),
                directory.resolve("shop.db"));
        String repository = directory.resolve("repo").toString();

        CommandLineHarness backup = new CommandLineHarness(directory, Map.of());
        assertThat(backup.run("backup", "--repo", repository, "--lock-timeout", "5s", shop.toString()))
                .as(backup.err()).isZero();
        CommandLineHarness restore = new CommandLineHarness(directory, Map.of());
        assertThat(restore.run("restore", "--repo", repository, "--lock-timeout", "5s", "latest:shop",
                directory.resolve("copy.db").toString())).as(restore.err()).isZero();

        CommandLineHarness jobs = new CommandLineHarness(directory, Map.of());
        assertThat(jobs.run("backup", "--repo", repository, "--jobs", "4", shop.toString())).isEqualTo(2);
        assertThat(jobs.err()).contains("the SQLite engine takes no options, but was given jobs");

        // a fast verification reads the archive alone: an engine option would do nothing there
        CommandLineHarness fast = new CommandLineHarness(directory, Map.of());
        assertThat(fast.run("verify", "--repo", repository, "--jobs", "4", "latest")).isEqualTo(2);
        assertThat(fast.err()).contains("engine options (jobs) go with verify --deep");
        CommandLineHarness deep = new CommandLineHarness(directory, Map.of());
        assertThat(deep.run("verify", "--repo", repository, "--deep", "--jobs", "4", "latest")).isEqualTo(2);
        assertThat(deep.err()).contains("the SQLite engine takes no options, but was given jobs");
    }

    @Test
    void backup_without_a_database_says_how_to_name_one() {
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of());

        assertThat(cli.run("backup", "--repo", directory.resolve("repo").toString())).isEqualTo(2);
        assertThat(cli.err()).contains("no database given", "DATABASE_URL").doesNotContain("Exception");
    }

    @Test
    void a_bad_compression_is_a_usage_error() {
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of());

        assertThat(cli.run("backup", "x.db", "--compression", "lz4", "--repo", directory.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("unknown compression 'lz4'");
    }

    @Test
    void an_explicitly_empty_database_is_a_usage_error_not_a_fallback_to_database_url() {
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of("DATABASE_URL", "sqlite:other.db"));

        assertThat(cli.run("backup", "", "--repo", directory.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("the database argument is empty");
    }

    @Test
    void a_level_with_no_compression_is_a_usage_error() {
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of());

        assertThat(cli.run("backup", "x.db", "--compression", "none", "--level", "3", "--repo", directory.toString()))
                .isEqualTo(2);
        assertThat(cli.err()).contains("--level has no meaning with --compression none");
    }

    @Test
    void an_absurd_lock_timeout_is_a_usage_error_with_words_not_an_exception() {
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of());

        assertThat(cli.run("backup", "x.db", "--lock-timeout", "99999999999999999999")).isEqualTo(2);
        assertThat(cli.err()).contains("is not a duration").doesNotContain("Exception");
    }

    @Test
    void a_level_out_of_range_names_the_range() {
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of());

        assertThat(cli.run("backup", "x.db", "--compression", "gzip", "--level", "12", "--repo", directory.toString()))
                .isEqualTo(2);
        assertThat(cli.err()).contains("out of range for gzip", "1 to 9");
    }
}
