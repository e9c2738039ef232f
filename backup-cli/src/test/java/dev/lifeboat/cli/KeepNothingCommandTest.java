package dev.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * --keep options that keep nothing (a count of 0, a span of 0) would have a prune remove every backup but the newest:
 * they are refused as usage errors, by prune and by a backup that prunes after itself, and nothing is removed.
 */
class KeepNothingCommandTest {

    @TempDir
    Path directory;

    private Path shop;
    private String repository;

    @BeforeEach
    void threeBackups() throws IOException {
        shop = Files.copy(Path.of("../examples/shop.db"), directory.resolve("shop.db"));
        repository = directory.resolve("repo").toString();
        for (int i = 0; i < 3; i++) {
            CommandLineHarness backup = new CommandLineHarness(directory, Map.of());
            assertThat(backup.run("backup", "--repo", repository, shop.toString())).as(backup.err()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--keep-within=0d", "--keep-within=0h", "--keep-daily=0", "--keep-last=0"})
    void prune_refuses_options_that_keep_nothing(String keep) throws IOException {
        CommandLineHarness prune = new CommandLineHarness(directory, Map.of());

        assertThat(prune.run("prune", "--repo", repository, keep)).isEqualTo(2);
        assertThat(prune.err()).contains("keep nothing").doesNotContain("Exception");
        assertThat(archives()).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--keep-within=0d", "--keep-daily=0"})
    void a_backup_refuses_them_before_it_backs_anything_up(String keep) throws IOException {
        CommandLineHarness backup = new CommandLineHarness(directory, Map.of());

        assertThat(backup.run("backup", "--repo", repository, shop.toString(), keep)).isEqualTo(2);
        assertThat(backup.err()).contains("keep nothing");
        assertThat(archives()).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--keep-last=1", "--keep-hourly=1"})
    void a_rule_that_keeps_something_still_prunes(String keep) throws IOException {
        CommandLineHarness prune = new CommandLineHarness(directory, Map.of());

        assertThat(prune.run("prune", "--repo", repository, keep)).as(prune.err()).isZero();
        assertThat(archives()).as(prune.out()).hasSize(1);
    }

    private List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(repository))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".lifeboat.tar")).toList();
        }
    }
}
