package dev.lifeboat.domain.config;

import java.util.Objects;

/**
 * A value from a configuration file, with where it was written.
 *
 * @param value  the value
 * @param origin where it was written
 */
public record Configured<T>(T value, Origin origin) {

    public Configured {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
    }
}
