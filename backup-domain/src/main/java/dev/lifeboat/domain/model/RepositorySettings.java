package dev.lifeboat.domain.model;

import java.util.Map;
import java.util.Optional;

/**
 * Values of the settings a kind of repository declares ({@link RepositorySetting}), resolved by precedence.
 *
 * @param values by setting name; settings not set are absent
 */
public record RepositorySettings(Map<String, String> values) {

    public RepositorySettings {
        values = Map.copyOf(values);
    }

    public static RepositorySettings none() {
        return new RepositorySettings(Map.of());
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }
}
