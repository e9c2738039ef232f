package dev.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lifeboat export} in this JVM: the script on stdout, the JSON report of -o, and what --json needs. */
class ExportCommandTest {

    @TempDir
    Path directory;

    @BeforeEach
    void backUpTheExampleShop() throws Exception {
        Path shop = Files.copy(Path.of("../examples/shop.db"), directory.resolve("shop.db"));
        CommandLineHarness backup = new CommandLineHarness(directory, Map.of());
        assertThat(backup.run("backup", shop.toString())).as(backup.err()).isZero();
    }

    @Test
    void the_script_goes_to_stdout_and_nothing_else_does() {
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of());

        assertThat(cli.run("export", "latest:shop")).as(cli.err()).isZero();

        assertThat(cli.out()).startsWith("-- SQLite database written by lifeboat export: load it with sqlite3 NEW.db"
                + " < FILE\nPRAGMA page_size = ").contains("\nBEGIN TRANSACTION;\nCREATE TABLE ").endsWith("COMMIT;\n");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void with_an_output_file_json_reports_what_was_written() throws Exception {
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of());

        assertThat(cli.run("export", "latest", "-o", "shop.sql", "--json")).as(cli.err()).isZero();

        Path script = directory.resolve("shop.sql");
        assertThat(cli.out()).contains("\"archive\": \"shop_", "\"engine\": \"sqlite\"",
                "\"file\": \"" + script + "\"", "\"warnings\": []");
        assertThat(Files.readString(script)).startsWith("-- SQLite database written by lifeboat export");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(script))).isEqualTo("rw-------");
    }

    /** As restore, verify and inspect take it: the help says a path to an archive, and export refused one. */
    @Test
    void an_archive_given_by_its_path_is_exported() throws Exception {
        Path archive;
        try (var files = Files.list(directory.resolve("backups"))) {
            archive = files.filter(file -> file.toString().endsWith(".lifeboat.tar")).findFirst().orElseThrow();
        }
        CommandLineHarness byName = new CommandLineHarness(directory, Map.of());
        assertThat(byName.run("export", "latest:shop")).as(byName.err()).isZero();
        CommandLineHarness byPath = new CommandLineHarness(Files.createDirectory(directory.resolve("elsewhere")),
                Map.of());

        assertThat(byPath.run("export", archive.toString())).as(byPath.err()).isZero();

        assertThat(byPath.out()).isEqualTo(byName.out());
    }

    @Test
    void json_without_an_output_file_is_a_usage_error_as_stdout_carries_the_script() {
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of());

        assertThat(cli.run("export", "latest", "--json")).isEqualTo(2);
        assertThat(cli.out()).contains("\"exitCode\": 2", "--json needs -o FILE");
    }
}
