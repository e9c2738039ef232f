package dev.lifeboat.cli.settings;

import java.util.Objects;

/**
 * A setting's value and where it came from: a flag, an environment variable, a line of the configuration file, or
 * the default. `lifeboat config check` shows both, so a user can see why a setting is what it is.
 *
 * @param value  the value
 * @param source where it came from, such as {@code --repo}, {@code LIFEBOAT_REPO} or {@code lifeboat.toml:3: repository}
 */
public record Resolved<T>(T value, String source) {

    public Resolved {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }
}
