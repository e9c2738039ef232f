package dev.lifeboat.adapter.config;

import dev.lifeboat.domain.config.Configuration;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code [databases.NAME.options]}: the names and values of {@code --engine-option NAME=VALUE}, in TOML's types. */
class EngineOptionsSectionTest {

    @TempDir
    Path directory;

    @Test
    void stringsNumbersAndBooleansAreReadAsTheTextACommandLineWouldGive() {
        Path file = ConfigurationFiles.write(directory, """
                [databases.shop]
                location = "postgresql://app@db/shop"

                [databases.shop.options]
                jobs = 4
                no-owner = true
                lock-timeout = "10s"
                """);

        Configuration configuration = ConfigurationFiles.read(file);

        assertThat(configuration.database("shop").orElseThrow().engineOptions())
                .isEqualTo(Map.of("jobs", "4", "no-owner", "true", "lock-timeout", "10s"));
    }
}
