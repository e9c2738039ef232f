package dev.lifeboat.cli.settings;

import dev.lifeboat.cli.output.Environment;
import dev.lifeboat.domain.config.Configuration;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.spi.ConfigurationReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the configuration file: {@code --config}, else {@code $LIFEBOAT_CONFIG}, else {@code ./lifeboat.toml}, else the
 * user's configuration directory ({@code $XDG_CONFIG_HOME/lifeboat/lifeboat.toml}, by default under
 * {@code ~/.config}). A file named by flag or variable must exist; the two default places are used only when a
 * file is there. Having no configuration file at all is fine.
 */
public final class ConfigurationFinder {

    public static final String CONFIG_VARIABLE = "LIFEBOAT_CONFIG";

    private final Environment environment;
    private final Optional<ConfigurationReader> reader;

    public ConfigurationFinder(Environment environment, Optional<ConfigurationReader> reader) {
        this.environment = environment;
        this.reader = reader;
    }

    public Optional<Configuration> find(Optional<String> flag) {
        Optional<Path> named = flag.or(() -> environment.variable(CONFIG_VARIABLE))
                .map(this::resolve);
        if (named.isPresent()) {
            if (!Files.exists(named.get())) {
                throw new UnavailableException("no configuration file at " + named.get());
            }
            // a directory, or what else is there, is reported by the reader, naming what it is
            return Optional.of(read(named.get()));
        }
        return defaultLocation().map(this::read);
    }

    /** Where a configuration file would be looked for when none is named, in order. */
    Optional<Path> defaultLocation() {
        if (reader.isEmpty()) {
            return Optional.empty();
        }
        String name = reader.get().defaultFileName();
        Path local = environment.workingDirectory().resolve(name);
        if (Files.isRegularFile(local)) {
            return Optional.of(local);
        }
        return userDirectory(environment).map(directory -> directory.resolve(name)).filter(Files::isRegularFile);
    }

    /**
     * The user's lifeboat configuration directory, which holds the configuration file and the plug-ins:
     * {@code $XDG_CONFIG_HOME/lifeboat}, by default {@code ~/.config/lifeboat}; empty without either variable.
     */
    public static Optional<Path> userDirectory(Environment environment) {
        return environment.variable("XDG_CONFIG_HOME").map(Path::of)
                .or(() -> environment.variable("HOME").map(home -> Path.of(home, ".config")))
                .map(directory -> directory.resolve("lifeboat"));
    }

    private Configuration read(Path file) {
        return reader.orElseThrow(() -> new InvalidUsageException("this lifeboat has no configuration file reader, so "
                + file + " cannot be read")).read(file);
    }

    private Path resolve(String file) {
        return environment.workingDirectory().resolve(file).normalize();
    }
}
