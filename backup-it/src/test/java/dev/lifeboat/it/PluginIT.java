package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.cli.PluginJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plug-ins through the real jar: a jar in the plug-in directory adds an engine to the unchanged lifeboat, which
 * lists it with its jar and hands it the locations it recognizes; a broken one is one line and exit 3. The
 * complete engine plug-in, with backup, verify --deep and restore, is examples/engine-plugin (its run.sh).
 */
class PluginIT {

    @TempDir
    Path directory;

    private Path work;
    private Path plugins;

    @BeforeEach
    void pluginDirectory() throws IOException {
        work = Files.createDirectory(directory.resolve("work"));
        plugins = Files.createDirectory(directory.resolve("plugins"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    @Test
    void an_engine_from_a_plugin_jar_is_listed_and_used_for_its_locations() throws IOException {
        Path jar = PluginJar.engine("org.example.duck.DuckEngine", "duck", "").writeTo(plugins.resolve("duck.jar"));

        LifeboatProcess.Result engines = LifeboatProcess.run(work, plugins(), "engines");
        assertThat(engines.exitCode()).as(engines.toString()).isZero();
        assertThat(engines.stdout()).contains("duck         Test engine duck (" + jar + ")",
                "sqlite       SQLite (built in)");

        // the test engine reaches no database: its own message reaching the user shows lifeboat chose it
        LifeboatProcess.Result backup = LifeboatProcess.run(work, plugins(), "backup", "duck:/ponds/main",
                "--repo", directory.resolve("repo").toString());
        assertThat(backup.exitCode()).as(backup.toString()).isEqualTo(3);
        assertThat(backup.errorLine()).isEqualTo("lifeboat: the test engine duck reaches no database");
    }

    @Test
    void a_plugin_in_the_default_directory_under_the_user_configuration_directory_is_loaded() throws IOException {
        Path home = Files.createDirectory(directory.resolve("home"));
        Path defaultPlugins = Files.createDirectories(home.resolve(".config/lifeboat/plugins"));
        Files.setPosixFilePermissions(defaultPlugins, PosixFilePermissions.fromString("rwx------"));
        Path jar = PluginJar.engine("org.example.duck.DuckEngine", "duck", "")
                .writeTo(defaultPlugins.resolve("duck.jar"));

        LifeboatProcess.Result engines = LifeboatProcess.run(work, Map.of("HOME", home.toString()), "engines");

        assertThat(engines.exitCode()).as(engines.toString()).isZero();
        assertThat(engines.stdout()).contains("Test engine duck (" + jar + ")");
    }

    @Test
    void a_plugin_whose_engine_cannot_be_created_is_one_line_with_exit_3() throws IOException {
        Path jar = PluginJar.engine("org.example.duck.DuckEngine", "duck",
                "throw new IllegalStateException(\"the duck driver is missing\");").writeTo(plugins.resolve("duck.jar"));

        LifeboatProcess.Result engines = LifeboatProcess.run(work, plugins(), "engines");

        assertThat(engines.exitCode()).as(engines.toString()).isEqualTo(3);
        assertThat(engines.errorLine()).isEqualTo("lifeboat: plug-in " + jar + " is broken: its DatabaseEngine"
                + " org.example.duck.DuckEngine cannot be created: the duck driver is missing");
        assertThat(engines.stdout()).isEmpty();
    }

    @Test
    void a_broken_plugin_prints_its_stack_trace_only_with_verbose() throws IOException {
        PluginJar.engine("org.example.duck.DuckEngine", "duck", "throw new IllegalStateException(\"boom\");")
                .writeTo(plugins.resolve("duck.jar"));

        LifeboatProcess.Result engines = LifeboatProcess.run(work, plugins(), "engines", "--verbose");

        assertThat(engines.exitCode()).isEqualTo(3);
        assertThat(engines.stderr()).contains("IllegalStateException: boom", "\tat ");
    }

    @Test
    void a_plugin_with_the_id_of_a_built_in_engine_is_one_line_with_exit_3() throws IOException {
        Path jar = PluginJar.engine("org.example.Impostor", "postgresql", "").writeTo(plugins.resolve("pg.jar"));

        LifeboatProcess.Result list = LifeboatProcess.run(work, plugins(), "list", "--repo",
                directory.resolve("repo").toString());

        assertThat(list.exitCode()).as(list.toString()).isEqualTo(3);
        assertThat(list.errorLine()).startsWith("lifeboat: plug-in " + jar + " is broken: its engine 'postgresql'"
                + " has the id of the built-in one");
    }

    @Test
    void a_plugin_directory_others_may_write_is_refused_with_exit_3() throws IOException {
        PluginJar.engine("org.example.duck.DuckEngine", "duck", "").writeTo(plugins.resolve("duck.jar"));
        Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("rwxrwxrwx"));

        LifeboatProcess.Result engines = LifeboatProcess.run(work, plugins(), "engines");

        assertThat(engines.exitCode()).as(engines.toString()).isEqualTo(3);
        assertThat(engines.errorLine()).startsWith("lifeboat: refusing the plug-in directory " + plugins);
    }

    private Map<String, String> plugins() {
        return Map.of("LIFEBOAT_PLUGIN_PATH", plugins.toString());
    }
}
