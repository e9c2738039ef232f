package dev.lifeboat.adapter.config;

import dev.lifeboat.domain.config.Configuration;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A relative repository starts at the configuration file's directory, wherever lifeboat runs from. */
class RelativePathsTest {

    @TempDir
    Path directory;

    @Test
    void aRelativeRepositoryIsResolvedAgainstTheFilesDirectory() {
        assertThat(repository("backups")).isEqualTo(directory.resolve("backups").toString());
        assertThat(repository("./backups/../archive")).isEqualTo(directory.resolve("archive").toString());
        assertThat(repository("../shared")).isEqualTo(directory.getParent().resolve("shared").toString());
    }

    @Test
    void anAbsoluteRepositoryOrAUrlIsKeptAsWritten() {
        assertThat(repository("/var/backups/lifeboat")).isEqualTo("/var/backups/lifeboat");
        assertThat(repository("s3://bucket/lifeboat")).isEqualTo("s3://bucket/lifeboat");
        assertThat(repository("file:///var/backups/lifeboat")).isEqualTo("file:///var/backups/lifeboat");
    }

    @Test
    void aDatabasesOwnRelativeRepositoryIsResolvedToo() {
        Configuration configuration = ConfigurationFiles.read(ConfigurationFiles.write(directory, """
                [databases.shop]
                location = "sqlite:/srv/shop.db"
                repository = "shop-backups"
                """));

        assertThat(configuration.database("shop").orElseThrow().settings().repository().orElseThrow().value())
                .isEqualTo(directory.resolve("shop-backups").toString());
    }

    @Test
    void theFileItselfMayBeNamedByARelativePath() {
        Path file = ConfigurationFiles.write(directory, "repository = \"backups\"\n");
        Path relative = Path.of("").toAbsolutePath().relativize(file);

        Configuration configuration = ConfigurationFiles.read(relative);

        assertThat(configuration.file()).isEqualTo(relative.toString());
        assertThat(configuration.defaults().repository().orElseThrow().value())
                .isEqualTo(directory.resolve("backups").toString());
    }

    private String repository(String written) {
        Path file = ConfigurationFiles.write(directory, "repository = \"" + written + "\"\n");
        return ConfigurationFiles.read(file).defaults().repository().orElseThrow().value();
    }
}
