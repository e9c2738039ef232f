package dev.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.spi.BackupRepositoryProvider;
import dev.lifeboat.domain.spi.DatabaseEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plug-in jars add engines and repository kinds to the unchanged command line; a broken one is one line, exit 3. */
class PluginCommandLineTest {

    @TempDir
    Path directory;

    private Path plugins;

    @BeforeEach
    void pluginDirectory() throws IOException {
        plugins = Files.createDirectory(directory.resolve("plugins"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    @Test
    void an_engine_in_a_plugin_jar_is_listed_with_the_jar_it_came_from() throws IOException {
        Path jar = PluginJar.engine("org.example.duck.DuckEngine", "duck", "").writeTo(plugins.resolve("duck.jar"));

        CommandLineHarness cli = withPluginPath(plugins.toString());
        assertThat(cli.run("engines")).as(cli.err()).isZero();

        assertThat(cli.out()).contains("duck         Test engine duck (" + jar + ")", "duck:/some/where",
                "sqlite       SQLite (built in)", "filesystem   (built in)");
    }

    @Test
    void engines_in_json_say_built_in_or_plugin_with_the_jar() throws IOException {
        Path jar = PluginJar.engine("org.example.duck.DuckEngine", "duck", "").writeTo(plugins.resolve("duck.jar"));

        CommandLineHarness cli = withPluginPath(jar.toString());
        assertThat(cli.run("engines", "--json")).as(cli.err()).isZero();

        assertThat(cli.out()).contains("\"id\": \"duck\"", "\"origin\": \"plugin\"",
                "\"jar\": \"" + jar + "\"", "\"id\": \"sqlite\"", "\"origin\": \"built-in\"", "\"repositoryKinds\"");
    }

    @Test
    void without_the_variable_the_plugins_directory_under_the_user_configuration_directory_is_used()
            throws IOException {
        Path configHome = directory.resolve("config");
        Path defaultPlugins = Files.createDirectories(configHome.resolve("lifeboat").resolve("plugins"));
        Files.setPosixFilePermissions(defaultPlugins, PosixFilePermissions.fromString("rwx------"));
        Path jar = PluginJar.engine("org.example.duck.DuckEngine", "duck", "")
                .writeTo(defaultPlugins.resolve("duck.jar"));

        CommandLineHarness cli = new CommandLineHarness(directory, Map.of("XDG_CONFIG_HOME", configHome.toString()));
        assertThat(cli.run("engines")).as(cli.err()).isZero();

        assertThat(cli.out()).contains("Test engine duck (" + jar + ")");
    }

    @Test
    void relative_plugin_places_are_taken_from_the_working_directory_and_shown_absolute() throws IOException {
        Path jar = PluginJar.engine("org.example.duck.DuckEngine", "duck", "").writeTo(plugins.resolve("duck.jar"));

        CommandLineHarness cli = withPluginPath("plugins");
        assertThat(cli.run("engines")).as(cli.err()).isZero();

        assertThat(cli.out()).contains("Test engine duck (" + jar + ")");
    }

    @Test
    void a_repository_kind_from_a_plugin_is_listed_and_opens_its_locations() throws IOException {
        Path jar = new PluginJar().source("org.example.Store", """
                package org.example;
                import dev.lifeboat.domain.spi.*;
                import dev.lifeboat.domain.model.RepositorySettings;
                public final class Store implements BackupRepositoryProvider {
                    public String id() { return "store"; }
                    public boolean accepts(String location) { return location.startsWith("store://"); }
                    public BackupRepository open(String location, RepositorySettings settings, boolean create) {
                        throw new dev.lifeboat.domain.error.UnavailableException("the test store is closed");
                    }
                }
                """).service(BackupRepositoryProvider.class, "org.example.Store").writeTo(plugins.resolve("store.jar"));

        CommandLineHarness engines = withPluginPath(plugins.toString());
        assertThat(engines.run("engines")).as(engines.err()).isZero();
        assertThat(engines.out()).contains("store        (" + jar + ")");

        CommandLineHarness list = withPluginPath(plugins.toString());
        assertThat(list.run("list", "--repo", "store://main")).as(list.err()).isEqualTo(3);
        assertThat(list.err()).isEqualTo("lifeboat: the test store is closed\n");
    }

    @Test
    void a_relative_configuration_directory_is_taken_from_the_working_directory() throws IOException {
        Path defaultPlugins = Files.createDirectories(directory.resolve("config/lifeboat/plugins"));
        Files.setPosixFilePermissions(defaultPlugins, PosixFilePermissions.fromString("rwx------"));
        Path jar = PluginJar.engine("org.example.duck.DuckEngine", "duck", "")
                .writeTo(defaultPlugins.resolve("duck.jar"));

        CommandLineHarness cli = new CommandLineHarness(directory, Map.of("XDG_CONFIG_HOME", "config"));
        assertThat(cli.run("engines")).as(cli.err()).isZero();

        assertThat(cli.out()).contains("Test engine duck (" + jar + ")");
    }

    @Test
    void a_plugin_repository_kind_claiming_the_locations_of_another_is_one_line_naming_both() throws IOException {
        Path jar = new PluginJar().source("org.example.Greedy", """
                package org.example;
                import dev.lifeboat.domain.spi.*;
                import dev.lifeboat.domain.model.RepositorySettings;
                public final class Greedy implements BackupRepositoryProvider {
                    public String id() { return "greedy"; }
                    public boolean accepts(String location) { return true; }
                    public BackupRepository open(String location, RepositorySettings settings, boolean create) {
                        throw new UnsupportedOperationException();
                    }
                }
                """).service(BackupRepositoryProvider.class, "org.example.Greedy").writeTo(plugins.resolve("greedy.jar"));

        CommandLineHarness cli = withPluginPath(plugins.toString());
        assertThat(cli.run("list", "--repo", directory.resolve("backups").toString())).isEqualTo(3);

        assertThat(cli.err()).isEqualTo("lifeboat: several repository kinds handle '" + directory.resolve("backups")
                + "': filesystem (built in), greedy (" + jar + "); a plug-in's kind must claim locations of its own\n");
    }

    @Test
    void a_plugin_brings_its_own_dependencies_as_further_jars_in_the_directory() throws IOException {
        Path dependency = new PluginJar().source("org.example.lib.Names", """
                package org.example.lib;
                public final class Names { public static String id() { return "quack"; } }
                """).writeTo(plugins.resolve("names-lib.jar"));
        PluginJar engine = PluginJar.engine("org.example.duck.DuckEngine", "quack",
                "if (!org.example.lib.Names.id().equals(\"quack\")) throw new IllegalStateException();")
                .compiledAgainst(dependency);
        engine.writeTo(plugins.resolve("duck.jar"));

        CommandLineHarness cli = withPluginPath(plugins.toString());
        assertThat(cli.run("engines")).as(cli.err()).isZero();

        assertThat(cli.out()).contains("quack        Test engine quack");
    }

    @Test
    void a_plugin_whose_dependency_is_missing_is_one_line_naming_the_jar_and_the_class() throws IOException {
        Path elsewhere = Files.createDirectory(directory.resolve("elsewhere"));
        Path dependency = new PluginJar().source("org.example.lib.Names", """
                package org.example.lib;
                public final class Names { public static String id() { return "quack"; } }
                """).writeTo(elsewhere.resolve("names-lib.jar"));
        Path jar = PluginJar.engine("org.example.duck.DuckEngine", "quack", "org.example.lib.Names.id();")
                .compiledAgainst(dependency).writeTo(plugins.resolve("duck.jar"));

        assertBroken(plugins, "plug-in " + jar + " is broken", "org.example.lib.Names", "which is in no jar");
    }

    @Test
    void a_plugin_listing_a_class_it_does_not_have_is_one_line_naming_the_jar() throws IOException {
        Path jar = new PluginJar().service(DatabaseEngine.class, "org.example.Missing")
                .writeTo(plugins.resolve("empty.jar"));

        assertBroken(plugins, "plug-in " + jar + " is broken", "org.example.Missing", "in no jar");
    }

    @Test
    void a_plugin_listing_a_class_that_is_no_engine_is_one_line_naming_the_jar() throws IOException {
        Path jar = new PluginJar().source("org.example.NotAnEngine", """
                package org.example;
                public final class NotAnEngine { }
                """).service(DatabaseEngine.class, "org.example.NotAnEngine").writeTo(plugins.resolve("wrong.jar"));

        assertBroken(plugins, "plug-in " + jar + " is broken", "org.example.NotAnEngine", "does not implement");
    }

    @Test
    void a_plugin_whose_constructor_throws_is_one_line_with_the_jar_and_the_reason() throws IOException {
        Path jar = PluginJar.engine("org.example.duck.DuckEngine", "duck",
                "throw new IllegalStateException(\"no duck driver configured\");").writeTo(plugins.resolve("duck.jar"));

        assertBroken(plugins, "plug-in " + jar + " is broken", "org.example.duck.DuckEngine cannot be created",
                ": no duck driver configured");
    }

    @Test
    void a_plugin_engine_without_a_public_no_argument_constructor_is_one_line_saying_so() throws IOException {
        Path jar = PluginJar.engine("org.example.duck.DuckEngine", "duck", "", "String pond")
                .writeTo(plugins.resolve("duck.jar"));

        assertBroken(plugins, "plug-in " + jar + " is broken: its DatabaseEngine org.example.duck.DuckEngine needs to"
                + " be a public, not abstract class with a public constructor without arguments");
    }

    @Test
    void a_plugin_engine_with_the_id_of_a_built_in_one_is_refused() throws IOException {
        Path jar = PluginJar.engine("org.example.Impostor", "sqlite", "").writeTo(plugins.resolve("impostor.jar"));

        assertBroken(plugins, "plug-in " + jar + " is broken", "engine 'sqlite' has the id of the built-in one");
    }

    @Test
    void two_plugins_with_one_engine_id_are_refused_naming_both() throws IOException {
        Path first = PluginJar.engine("org.example.One", "duck", "").writeTo(plugins.resolve("a-one.jar"));
        Path second = PluginJar.engine("org.example.Two", "duck", "").writeTo(plugins.resolve("b-two.jar"));

        assertBroken(plugins, "plug-in " + second + " is broken", "the one in plug-in " + first);
    }

    @Test
    void a_repository_kind_from_a_plugin_with_a_built_in_id_is_refused() throws IOException {
        Path jar = new PluginJar().source("org.example.Store", """
                package org.example;
                import dev.lifeboat.domain.spi.*;
                import dev.lifeboat.domain.model.RepositorySettings;
                public final class Store implements BackupRepositoryProvider {
                    public String id() { return "filesystem"; }
                    public boolean accepts(String location) { return location.startsWith("store:"); }
                    public BackupRepository open(String location, RepositorySettings settings, boolean create) {
                        throw new UnsupportedOperationException();
                    }
                }
                """).service(BackupRepositoryProvider.class, "org.example.Store").writeTo(plugins.resolve("store.jar"));

        assertBroken(plugins, "plug-in " + jar + " is broken", "repository kind 'filesystem'");
    }

    @Test
    void a_plugin_bringing_a_second_archive_codec_is_refused() throws IOException {
        Path jar = new PluginJar().source("org.example.Codec", """
                package org.example;
                import dev.lifeboat.domain.spi.*;
                import dev.lifeboat.domain.model.*;
                import java.io.OutputStream;
                import java.nio.channels.SeekableByteChannel;
                public final class Codec implements ArchiveCodec {
                    public int formatVersion() { return 99; }
                    public ArchiveWriter newWriter(OutputStream a, CompressionSettings c, ScratchSpace s) {
                        throw new UnsupportedOperationException();
                    }
                    public ArchiveReader open(SeekableByteChannel a, String n) { throw new UnsupportedOperationException(); }
                    public Manifest readManifest(String d, String n) { throw new UnsupportedOperationException(); }
                    public OutputStream compressing(CompressionSettings s, OutputStream o) {
                        throw new UnsupportedOperationException();
                    }
                }
                """).service(dev.lifeboat.domain.spi.ArchiveCodec.class, "org.example.Codec")
                .writeTo(plugins.resolve("codec.jar"));

        assertBroken(plugins, "plug-in " + jar + " is broken: it brings a second archive codec (ArchiveCodec), and"
                + " lifeboat has one at most");
    }

    @Test
    void a_file_that_is_no_jar_is_one_line_naming_it() throws IOException {
        Path jar = Files.writeString(plugins.resolve("notes.jar"), "these are notes, not a jar");
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-------"));

        assertBroken(plugins, "plug-in " + jar + " cannot be read as a jar");
    }

    @Test
    void a_named_place_that_does_not_exist_is_unavailable() {
        Path missing = directory.resolve("nowhere");

        assertBroken(missing, "no plug-in directory or jar at " + missing, "LIFEBOAT_PLUGIN_PATH");
    }

    @Test
    void a_plugin_directory_others_may_write_is_refused() throws IOException {
        PluginJar.engine("org.example.duck.DuckEngine", "duck", "").writeTo(plugins.resolve("duck.jar"));
        Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("rwxrwxr-x"));

        assertBroken(plugins, "refusing the plug-in directory " + plugins, "chmod go-w");
    }

    @Test
    void a_plugin_jar_others_may_write_is_refused() throws IOException {
        Path jar = PluginJar.engine("org.example.duck.DuckEngine", "duck", "").writeTo(plugins.resolve("duck.jar"));
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-rw-rw-"));

        assertBroken(plugins, "refusing the plug-in " + jar, "others than its owner may write it");
    }

    @Test
    void a_broken_plugin_shows_its_stack_trace_only_with_verbose() throws IOException {
        PluginJar.engine("org.example.duck.DuckEngine", "duck", "throw new IllegalStateException(\"boom\");")
                .writeTo(plugins.resolve("duck.jar"));

        CommandLineHarness cli = withPluginPath(plugins.toString());
        assertThat(cli.run("engines", "--verbose")).isEqualTo(3);

        assertThat(cli.err()).contains("lifeboat: plug-in ", "\tat ", "IllegalStateException: boom");
    }

    @Test
    void a_broken_plugin_stops_every_command_that_loads_the_adapters() throws IOException {
        PluginJar.engine("org.example.Impostor", "sqlite", "").writeTo(plugins.resolve("impostor.jar"));

        CommandLineHarness cli = withPluginPath(plugins.toString());
        assertThat(cli.run("list", "--repo", directory.resolve("backups").toString())).isEqualTo(3);

        assertThat(cli.err().lines().toList()).singleElement().asString().startsWith("lifeboat: plug-in ");
    }

    private CommandLineHarness withPluginPath(String path) {
        return new CommandLineHarness(directory, Map.of("LIFEBOAT_PLUGIN_PATH", path));
    }

    /** The run fails with exit 3 and one line on stderr holding every fragment, and no stack trace. */
    private void assertBroken(Path pluginPath, String... fragments) {
        CommandLineHarness cli = withPluginPath(pluginPath.toString());

        int status = cli.run("engines");

        assertThat(status).as(cli.err()).isEqualTo(3);
        assertThat(cli.err().lines().toList()).singleElement().asString().startsWith("lifeboat: ").contains(fragments);
        assertThat(cli.err()).doesNotContain("\tat ");
        assertThat(cli.out()).isEmpty();
    }
}
