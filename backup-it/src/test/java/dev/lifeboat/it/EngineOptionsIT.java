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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engine options through the real jar: the flag an engine declares ({@code --jobs 3}) and its name
 * ({@code -o jobs=3}) are the same option, recorded alike in the manifest (read with tar); the configuration file's
 * {@code [databases.NAME.options]} reaches the engine, below the command line; every bad option is exit 2 with one
 * line, and no archive.
 */
class EngineOptionsIT {

    @TempDir
    Path work;

    private final TestServer server = PostgresServers.newest();

    @Test
    void aFlagAndItsNameRecordTheSameOptionsInTheManifest() throws Exception {
        String database = shop("lb_it_opts");

        LifeboatProcess.Result byName = LifeboatProcess.run(work, "backup", "-o", "jobs=3", "--label", "byname",
                server.url(database));
        LifeboatProcess.Result byFlag = LifeboatProcess.run(work, "backup", "--jobs", "3", "--label", "byflag",
                server.url(database));

        assertThat(byName.exitCode()).as(byName.toString()).isZero();
        assertThat(byFlag.exitCode()).as(byFlag.toString()).isZero();
        JsonNode named = options(archive("byname"));
        assertThat(named.path("jobs").asText()).isEqualTo("3");
        assertThat(named).isEqualTo(options(archive("byflag")));
    }

    @Test
    void theConfigurationsOptionsReachTheEngineAndTheCommandLineBeatsThem() throws Exception {
        String database = shop("lb_it_opts_config");
        Path config = Files.writeString(work.resolve("lifeboat.toml"), """
                [databases.shop]
                location = "%s"
                label = "configured"

                [databases.shop.options]
                jobs = 4
                no-owner = true
                drop-previous = true
                """.formatted(server.url(database)));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));

        LifeboatProcess.Result configured = LifeboatProcess.run(work, "backup", "shop");
        LifeboatProcess.Result overridden = LifeboatProcess.run(work, "backup", "shop", "--jobs", "2", "--label",
                "overridden");

        assertThat(configured.exitCode()).as(configured.toString()).isZero();
        assertThat(overridden.exitCode()).as(overridden.toString()).isZero();
        JsonNode fromFile = options(archive("configured"));
        assertThat(fromFile.path("jobs").asText()).isEqualTo("4");
        assertThat(fromFile.path("no-owner").asText()).isEqualTo("true");
        assertThat(fromFile.has("drop-previous")).as("a restore option is not a backup's").isFalse();
        assertThat(options(archive("overridden")).path("jobs").asText()).isEqualTo("2");
    }

    @Test
    void badOptionsAreUsageErrorsOfOneLineThatWriteNothing() throws Exception {
        String database = shop("lb_it_opts_bad");
        String url = server.url(database);

        assertRefused(LifeboatProcess.run(work, "backup", "-o", "frobnicate=1", url),
                "lifeboat: no engine has an option 'frobnicate'");
        assertRefused(LifeboatProcess.run(work, "backup", "--jobs", "0", url),
                "lifeboat: the PostgreSQL engine's option jobs takes a whole number from 1 to 64, not '0'");
        assertRefused(LifeboatProcess.run(work, "backup", "-o", "lock-timeout=soon", url),
                "lifeboat: the PostgreSQL engine's option lock-timeout takes a duration such as 30s, 5m or 250ms, "
                        + "not 'soon'");
        assertRefused(LifeboatProcess.run(work, "backup", "-o", "drop-previous=true", url),
                "lifeboat: the engine option drop-previous is for restore, not backup");
        LifeboatProcess.Result notForVerify = LifeboatProcess.run(work, "verify", "--no-owner", "latest");
        assertThat(notForVerify.exitCode()).as(notForVerify.toString()).isEqualTo(2);
        assertThat(notForVerify.errorLine()).isEqualTo("lifeboat: Unknown option: '--no-owner'");
    }

    @Test
    void aRestoreChecksItsOptionsAgainstTheArchivesEngine() throws Exception {
        String database = shop("lb_it_opts_restore");
        LifeboatProcess.Result backup = LifeboatProcess.run(work, "backup", server.url(database));
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        String target = PostgresServers.uniqueName("lb_it_opts_target");

        LifeboatProcess.Result refused = LifeboatProcess.run(work, "restore", "latest", server.url(target),
                "-o", "drop-previous=maybe");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.errorLine()).isEqualTo(
                "lifeboat: the PostgreSQL engine's option drop-previous takes true or false, not 'maybe'");
        assertThat(PostgresDatabases.databasesStartingWith(server, target)).isEmpty();
    }

    @Test
    void aSqliteDatabaseRefusesAPostgresqlOptionOnBackupAndExport() throws IOException {
        Path file = Files.copy(Path.of("../examples/shop.db"), work.resolve("shop.db"));

        assertRefused(LifeboatProcess.run(work, "backup", "--no-owner", file.toString()),
                "lifeboat: the SQLite engine takes no options, but was given no-owner");
        LifeboatProcess.Result backup = LifeboatProcess.run(work, "backup", file.toString());
        assertThat(backup.exitCode()).as(backup.toString()).isZero();

        LifeboatProcess.Result export = LifeboatProcess.run(work, "export", "--no-privileges", "-o",
                work.resolve("shop.sql").toString(), "latest");

        assertThat(export.exitCode()).as(export.toString()).isEqualTo(2);
        assertThat(export.errorLine())
                .isEqualTo("lifeboat: the SQLite engine takes no options, but was given no-privileges");
        assertThat(work.resolve("shop.sql")).doesNotExist();
    }

    private void assertRefused(LifeboatProcess.Result result, String line) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.errorLine()).startsWith(line);
        assertThat(PostgresDatabases.archives(work.resolve("backups"))).as("archives written").isEmpty();
    }

    private String shop(String prefix) throws Exception {
        String database = server.createDatabase(prefix);
        server.execute(database, "CREATE TABLE orders (id int PRIMARY KEY, total int)",
                "INSERT INTO orders SELECT i, i * 10 FROM generate_series(1, 50) i");
        return database;
    }

    private Path archive(String label) {
        List<String> named = PostgresDatabases.archives(work.resolve("backups")).stream()
                .filter(name -> name.contains("_" + label + "_") || name.contains("_" + label + ".")).toList();
        assertThat(named).as("the archive labelled " + label).hasSize(1);
        return work.resolve("backups").resolve(named.get(0));
    }

    /** The manifest's options, read with tar. */
    private static JsonNode options(Path archive) throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", "-xOf", archive.toString(), "manifest.json").start();
        String manifest = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as("tar -xOf manifest.json").isZero();
        return Json.parse(manifest).get("options");
    }
}
