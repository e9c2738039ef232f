package dev.lifeboat.domain.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A configuration file, read and checked.
 *
 * @param file      the file
 * @param defaults  the settings for every database
 * @param databases the databases it names, in the file's order
 * @param warnings  what the user should fix, such as a password written in a file others can read
 */
public record Configuration(String file, ConfiguredSettings defaults, List<ConfiguredDatabase> databases,
                            List<String> warnings) {

    public Configuration {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(defaults, "defaults");
        databases = List.copyOf(databases);
        warnings = List.copyOf(warnings);
    }

    public Optional<ConfiguredDatabase> database(String name) {
        return databases.stream().filter(database -> database.name().equals(name)).findFirst();
    }

    /** The settings for one database: the file's defaults with its own settings over them. */
    public ConfiguredSettings settingsFor(ConfiguredDatabase database) {
        return defaults.overriddenBy(database.settings());
    }
}
