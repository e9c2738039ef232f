package dev.lifeboat.adapter.config;

import dev.lifeboat.domain.config.Configuration;
import dev.lifeboat.domain.config.ConfiguredSettings;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.UnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The file itself: found by ServiceLoader, missing, not a file, not text, empty. */
class ConfigurationFileTest {

    @TempDir
    Path directory;

    @Test
    void serviceLoaderFindsTheReader() {
        assertThat(ServiceLoader.load(dev.lifeboat.domain.spi.ConfigurationReader.class))
                .singleElement()
                .isInstanceOf(TomlConfigurationReader.class)
                .extracting(reader -> reader.defaultFileName()).isEqualTo("lifeboat.toml");
    }

    @Test
    void aMissingFileIsUnavailable() {
        Path missing = directory.resolve("lifeboat.toml");

        assertThatThrownBy(() -> ConfigurationFiles.read(missing))
                .isInstanceOf(UnavailableException.class)
                .hasMessage("no configuration file at " + missing);
    }

    @Test
    void aDirectoryIsUnavailable() {
        assertThatThrownBy(() -> ConfigurationFiles.read(directory))
                .isInstanceOf(UnavailableException.class)
                .hasMessage(directory + " is a directory, not a configuration file: name the file itself, such as "
                        + directory.resolve("lifeboat.toml"));
    }

    @Test
    void textThatIsNotUtf8IsRefusedWithItsLine() throws IOException {
        Path file = directory.resolve("lifeboat.toml");
        Files.write(file, new byte[] {'#', ' ', 'o', 'k', '\n', 'l', 'a', 'b', 'e', 'l', '=', '"', (byte) 0xE9, '"', '\n'});

        assertThatThrownBy(() -> ConfigurationFiles.read(file))
                .isInstanceOf(InvalidUsageException.class)
                .hasMessage(file + ":2: this line is not UTF-8 text: save the file as UTF-8, as TOML requires");
    }

    @Test
    void aHugeFileIsNotReadWhole() throws IOException {
        Path file = directory.resolve("lifeboat.toml");
        Files.writeString(file, "#".repeat(ConfigurationText.MAX_BYTES + 1));

        assertThatThrownBy(() -> ConfigurationFiles.read(file))
                .isInstanceOf(InvalidUsageException.class)
                .hasMessage(file + " is larger than 1024 KiB, far larger than a configuration file: is it the right "
                        + "file?");
    }

    @Test
    void anEmptyFileConfiguresNothing() {
        Configuration configuration = ConfigurationFiles.read(ConfigurationFiles.write(directory, "# nothing yet\n"));

        assertThat(configuration.defaults()).isEqualTo(ConfiguredSettings.none());
        assertThat(configuration.databases()).isEmpty();
        assertThat(configuration.warnings()).isEmpty();
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndingsAreFine() {
        Path file = ConfigurationFiles.write(directory, "\uFEFF# made on Windows\r\n\r\nlevel = 5\r\n");

        assertThat(ConfigurationFiles.read(file).defaults().compression().orElseThrow().origin().line()).isEqualTo(3);
    }
}
