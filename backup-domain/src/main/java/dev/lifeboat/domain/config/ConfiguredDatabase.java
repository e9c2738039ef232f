package dev.lifeboat.domain.config;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A database named in a configuration file.
 *
 * @param name          its name in the file ({@code lifeboat backup NAME})
 * @param location      where it is
 * @param label         the label of its archives
 * @param engine        the engine, when the location alone does not say
 * @param password      its password, by reference
 * @param engineOptions engine options
 * @param settings      settings for this database only, overriding the file's defaults
 * @param maxSchemaVersion the newest schema version a restore of its backups may bring back
 *                         ({@code max-schema-version}); empty for no limit
 */
public record ConfiguredDatabase(String name, Configured<String> location, Optional<Configured<String>> label,
                                 Optional<Configured<String>> engine, Optional<Configured<SecretReference>> password,
                                 Map<String, String> engineOptions, ConfiguredSettings settings,
                                 Optional<Configured<String>> maxSchemaVersion) {

    public ConfiguredDatabase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(password, "password");
        engineOptions = Collections.unmodifiableMap(new TreeMap<>(engineOptions));
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(maxSchemaVersion, "maxSchemaVersion");
    }

    /** A database without a schema version limit. */
    public ConfiguredDatabase(String name, Configured<String> location, Optional<Configured<String>> label,
                              Optional<Configured<String>> engine, Optional<Configured<SecretReference>> password,
                              Map<String, String> engineOptions, ConfiguredSettings settings) {
        this(name, location, label, engine, password, engineOptions, settings, Optional.empty());
    }
}
