package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.config.Configuration;
import java.nio.file.Path;

/** Reads lifeboat's configuration file format. Found with {@link java.util.ServiceLoader}. */
public interface ConfigurationReader {

    /**
     * The file name looked for when none is given, such as {@code lifeboat.toml}.
     *
     * @return the file name
     */
    String defaultFileName();

    /**
     * Reads and checks a configuration file.
     *
     * @param file the file
     * @return the configuration
     * @throws dev.lifeboat.domain.error.InvalidUsageException naming the file, line and key of every problem
     * @throws dev.lifeboat.domain.error.UnavailableException  when the file cannot be read
     */
    Configuration read(Path file);
}
