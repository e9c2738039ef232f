package dev.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.cli.command.CommandContext;
import dev.lifeboat.cli.command.EngineOptionFlags;
import dev.lifeboat.cli.command.LifeboatCommand;
import dev.lifeboat.cli.output.Environment;
import dev.lifeboat.cli.output.Terminal;
import dev.lifeboat.domain.spi.DatabaseEngine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The engines' options on the command line: {@code -o NAME=VALUE} and the flags the engines declare, offered on the
 * commands the declarations name, with the engine's name in their help; this test class path has a third engine
 * ({@link FakeOptionsEngine}) that shares PostgreSQL's {@code --jobs}.
 */
class EngineOptionsCommandLineTest {

    @TempDir
    Path directory;

    @Test
    void backupOffersEveryEnginesFlagsWithTheEngineNamedInTheirHelp() {
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of());

        assertThat(cli.run("backup", "--help")).isZero();

        String help = cli.out().replaceAll("\\s+", " ");
        assertThat(help).contains("-o, --engine-option=NAME=VALUE", "-j, --jobs=N", "--no-owner", "--no-privileges",
                "--allow-unsupported", "--fake-depth=N",
                "PostgreSQL: parallel connections for copying tables, building indexes and adding foreign keys",
                "Fake: worker threads.", "Fake: how deep to look. Default: 1.")
                .doesNotContain("--drop-previous", "--scratch");
    }

    @Test
    void restoreAndVerifyOfferOnlyTheFlagsDeclaredForThem() {
        CommandLineHarness restore = new CommandLineHarness(directory, Map.of());
        CommandLineHarness verify = new CommandLineHarness(directory, Map.of());

        assertThat(restore.run("restore", "--help")).isZero();
        assertThat(verify.run("verify", "--help")).isZero();

        assertThat(restore.out()).contains("--engine-option", "--jobs", "--no-owner", "--drop-previous")
                .doesNotContain("--allow-unsupported", "--scratch", "--fake-depth");
        assertThat(verify.out()).contains("--engine-option", "--jobs", "--scratch=URL")
                .doesNotContain("--no-owner", "--drop-previous", "--fake-depth");
    }

    @Test
    void exportTakesEngineOptionsButKeepsItsOwnMinusOForTheOutputFile() {
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of());

        assertThat(cli.run("export", "--help")).isZero();

        String help = cli.out().replaceAll("\\s+", " ");
        assertThat(help).contains("-o, --output=FILE", " --engine-option=NAME=VALUE", "--no-owner",
                        "--no-privileges")
                .doesNotContain("-o, --engine-option", "--jobs", "--drop-previous");
    }

    @Test
    void aFlagAndItsNameGiveTheEngineTheSameOption() {
        Path shop = sqliteDatabase();
        CommandLineHarness byFlag = new CommandLineHarness(directory, Map.of());
        CommandLineHarness byName = new CommandLineHarness(directory, Map.of());

        assertThat(byFlag.run("backup", "--no-owner", shop.toString())).isEqualTo(2);
        assertThat(byName.run("backup", "-o", "no-owner", shop.toString())).isEqualTo(2);

        assertThat(byFlag.err()).isEqualTo(byName.err())
                .isEqualTo("lifeboat: the SQLite engine takes no options, but was given no-owner\n");
    }

    @Test
    void anOptionNoEngineHasIsAUsageErrorListingTheirOptions() {
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of());

        assertThat(cli.run("backup", "-o", "jbos=4", sqliteDatabase().toString())).isEqualTo(2);

        assertThat(cli.err()).startsWith("lifeboat: no engine has an option 'jbos'; the engines' options: ")
                .contains("jobs", "depth", "no-owner").endsWith("(see 'lifeboat engines')\n");
    }

    @Test
    void anOptionForAnotherCommandIsAUsageError() {
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of());

        assertThat(cli.run("backup", "--engine-option", "drop-previous=true", sqliteDatabase().toString()))
                .isEqualTo(2);

        assertThat(cli.err()).isEqualTo("lifeboat: the engine option drop-previous is for restore, not backup\n");
    }

    @Test
    void oneOptionGivenTwiceWithDifferentValuesIsAUsageError() {
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of());

        assertThat(cli.run("backup", "--jobs", "3", "-o", "jobs=4", sqliteDatabase().toString())).isEqualTo(2);

        assertThat(cli.err()).isEqualTo(
                "lifeboat: the engine option jobs is given twice, as --jobs 3 and as -o jobs=4: give it once\n");
    }

    @Test
    void theConfigurationFilesOptionsReachTheEngineAndConfigCheckShowsThem() throws IOException {
        Path shop = sqliteDatabase();
        Path config = directory.resolve("lifeboat.toml");
        Files.writeString(config, """
                [databases.shop]
                location = "%s"

                [databases.shop.options]
                jobs = 4
                """.formatted(shop));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        CommandLineHarness backup = new CommandLineHarness(directory, Map.of());
        CommandLineHarness check = new CommandLineHarness(directory, Map.of());

        assertThat(backup.run("backup", "shop")).isEqualTo(2);
        assertThat(check.run("config", "check")).isZero();

        assertThat(backup.err()).isEqualTo("lifeboat: the SQLite engine takes no options, but was given jobs\n");
        assertThat(check.out()).contains("jobs=4");
    }

    @Test
    void enginesListsEachEnginesOptions() {
        CommandLineHarness text = new CommandLineHarness(directory, Map.of());
        CommandLineHarness json = new CommandLineHarness(directory, Map.of());

        assertThat(text.run("engines")).isZero();
        assertThat(json.run("engines", "--json")).isZero();

        assertThat(text.out()).contains("options: none",
                "jobs               integer, default 2; for backup, restore, verify; --jobs, -j",
                "scratch            text; for verify; --scratch",
                "depth              integer, default 1; for backup; --fake-depth");
        assertThat(json.out().replaceAll("\\s+", " ")).contains("\"name\": \"jobs\", \"type\": \"integer\", "
                + "\"accepts\": \"a whole number from 1 to 64\", \"default\": \"2\", \"commands\": [ \"backup\", "
                + "\"restore\", \"verify\" ], \"aliases\": [ \"--jobs\", \"-j\" ]");
    }

    @Test
    void theTopLevelHelpNamesTheEnginesFound() {
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of());

        assertThat(cli.run("--help")).isZero();

        assertThat(cli.out().replaceAll("\\s+", " ")).contains("databases: ")
                .contains("PostgreSQL", "SQLite", "Fake");
    }

    @Test
    void twoEnginesDeclaringOneFlagAsDifferentTypesStopTheStart() {
        List<DatabaseEngine> engines = new ArrayList<>(ServiceLoader.load(DatabaseEngine.class).stream()
                .map(ServiceLoader.Provider::get).filter(engine -> engine.id().equals("postgresql")).toList());
        engines.add(FakeOptionsEngine.clashing());

        assertThatThrownBy(() -> EngineOptionFlags.register(commandLine(), engines))
                .isInstanceOf(EngineOptionFlags.EngineOptionClash.class)
                .hasMessage("the engines postgresql and clash both declare --jobs for backup, but as postgresql's "
                        + "jobs (integer) and as clash's jobs (flag): engines sharing an option or flag must agree "
                        + "on its name and type");
    }

    @Test
    void anEngineFlagThatLifeboatUsesItselfStopsTheStart() {
        assertThatThrownBy(() -> EngineOptionFlags.register(commandLine(), List.of(FakeOptionsEngine.takingLabel())))
                .isInstanceOf(EngineOptionFlags.EngineOptionClash.class)
                .hasMessage("the labels engine declares --label for backup, which lifeboat already uses for an option "
                        + "of its own");
    }

    private CommandLine commandLine() {
        Environment environment = new Environment(Map.of(), directory, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), Terminal.none(), Clock.systemUTC());
        return LifeboatCommand.commandLine(new CommandContext(environment));
    }

    private Path sqliteDatabase() {
        try {
            return Files.copy(Path.of("../examples/shop.db"), directory.resolve("shop.db"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
