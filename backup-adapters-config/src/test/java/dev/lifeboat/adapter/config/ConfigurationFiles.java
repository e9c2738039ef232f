package dev.lifeboat.adapter.config;

import dev.lifeboat.domain.config.Configuration;
import dev.lifeboat.domain.error.InvalidUsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Writes configuration files for tests and reads them with the reader under test. */
final class ConfigurationFiles {

    private ConfigurationFiles() {
    }

    /** A lifeboat.toml only its owner can read, as the documentation advises. */
    static Path write(Path directory, String text) {
        return write(directory, text, "rw-------");
    }

    static Path write(Path directory, String text, String permissions) {
        try {
            Path file = directory.resolve("lifeboat.toml");
            Files.writeString(file, text);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Configuration read(Path file) {
        return new TomlConfigurationReader().read(file);
    }

    /** The message of the error reading the file, with the file's path written as {@code lifeboat.toml}. */
    static String problemsIn(Path file) {
        InvalidUsageException error = catchThrowableOfType(InvalidUsageException.class, () -> read(file));
        if (error == null) {
            throw new AssertionError(file + " was read without a problem");
        }
        return error.getMessage().replace(file.toString(), "lifeboat.toml");
    }
}
