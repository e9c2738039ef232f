package dev.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database of the configuration file is filed under the name its location gives ({@code shop} for shop.db), which
 * the configuration's name for it ({@code storefront}) need not be: {@code latest:storefront} and its
 * max-schema-version, {@code check --database storefront} and {@code list storefront} find its backups all the same.
 */
class ConfiguredNameCommandTest {

    @TempDir
    Path directory;

    private Path config;

    @BeforeEach
    void backedUpUnderItsOwnName() throws IOException {
        Path shop = Files.copy(Path.of("../examples/shop.db"), directory.resolve("shop.db"));
        config = directory.resolve("lifeboat.toml");
        write(shop, "");
        CommandLineHarness backup = cli();
        assertThat(backup.run("backup", "--config", config.toString(), "storefront")).as(backup.err()).isZero();
        assertThat(backup.out()).contains("Backed up shop ");
    }

    @Test
    void latest_by_the_configured_name_restores_the_databases_newest_backup() {
        CommandLineHarness restore = cli();

        int status = restore.run("restore", "--config", config.toString(), "latest:storefront",
                directory.resolve("copy.db").toString());

        assertThat(status).as(restore.err()).isZero();
        assertThat(restore.out()).contains("Restored shop_");
        assertThat(directory.resolve("copy.db")).exists();
    }

    @Test
    void the_configured_max_schema_version_guards_latest_by_either_name_and_the_archive_by_its_name()
            throws IOException {
        // examples/shop.db has user_version 3
        write(directory.resolve("shop.db"), "max-schema-version = 2\n");

        for (String backup : new String[] {"latest:storefront", "latest:shop", newestArchive()}) {
            CommandLineHarness restore = cli();
            assertThat(restore.run("restore", "--config", config.toString(), backup,
                    directory.resolve("refused.db").toString())).as(backup + ": " + restore.err()).isEqualTo(8);
            assertThat(restore.err()).as(backup).contains("schema version");
            assertThat(directory.resolve("refused.db")).doesNotExist();
        }
    }

    @Test
    void check_and_list_by_the_configured_name_find_the_databases_backups() {
        CommandLineHarness check = cli();
        assertThat(check.run("check", "--config", config.toString(), "--database", "storefront"))
                .as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("storefront").contains("1 of 1 database fresh");

        CommandLineHarness list = cli();
        assertThat(list.run("list", "--config", config.toString(), "storefront")).as(list.err()).isZero();
        assertThat(list.out()).contains("shop_").doesNotContain("No backups");
    }

    private String newestArchive() throws IOException {
        try (var files = Files.list(directory.resolve("repo"))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".lifeboat.tar"))
                    .sorted().reduce((first, second) -> second).orElseThrow();
        }
    }

    private void write(Path shop, String extra) throws IOException {
        Files.writeString(config, """
                repository = "repo"
                [databases.storefront]
                location = "sqlite:%s"
                %s""".formatted(shop, extra));
    }

    private CommandLineHarness cli() {
        return new CommandLineHarness(directory, Map.of());
    }
}
