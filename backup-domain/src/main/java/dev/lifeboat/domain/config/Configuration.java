package dev.lifeboat.domain.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A configuration file, read and checked.
 *
 * @param file               the file
 * @param defaults           the settings for every database
 * @param databases          the databases it names, in the file's order
 * @param warnings           what the user should fix, such as a password written in a file others can read
 * @param repositorySettings the settings of a kind of repository, from the table named after it ({@code [s3]}): kind,
 *                           then setting name, then its value as text with where it was written
 */
public record Configuration(String file, ConfiguredSettings defaults, List<ConfiguredDatabase> databases,
                            List<String> warnings, Map<String, Map<String, Configured<String>>> repositorySettings) {

    public Configuration {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(defaults, "defaults");
        databases = List.copyOf(databases);
        warnings = List.copyOf(warnings);
        Map<String, Map<String, Configured<String>>> kinds = new LinkedHashMap<>();
        repositorySettings.forEach((kind, settings) ->
                kinds.put(kind, Collections.unmodifiableMap(new LinkedHashMap<>(settings))));
        repositorySettings = Collections.unmodifiableMap(kinds);
    }

    /** A file without settings for any kind of repository. */
    public Configuration(String file, ConfiguredSettings defaults, List<ConfiguredDatabase> databases,
                         List<String> warnings) {
        this(file, defaults, databases, warnings, Map.of());
    }

    public Optional<ConfiguredDatabase> database(String name) {
        return databases.stream().filter(database -> database.name().equals(name)).findFirst();
    }

    /** The settings for one database: the file's defaults with its own settings over them. */
    public ConfiguredSettings settingsFor(ConfiguredDatabase database) {
        return defaults.overriddenBy(database.settings());
    }

    /**
     * The settings the file gives a kind of repository, by setting name in the file's order; empty when it has no
     * table for that kind.
     *
     * @param kind the repository kind's id, such as {@code s3}
     */
    public Map<String, Configured<String>> repositorySettings(String kind) {
        return repositorySettings.getOrDefault(kind, Map.of());
    }
}
