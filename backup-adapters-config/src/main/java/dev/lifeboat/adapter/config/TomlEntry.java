package dev.lifeboat.adapter.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeboat.domain.config.Origin;
import java.util.Objects;

/**
 * One key of a TOML table and its value, with where it was written.
 *
 * @param key    the key's full name
 * @param origin the file, line and full name, for messages and for {@link dev.lifeboat.domain.config.Configured}
 * @param value  the value as Jackson read it
 */
record TomlEntry(KeyPath key, Origin origin, JsonNode value) {

    TomlEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(value, "value");
    }

    /** The key's own name within its table. */
    String name() {
        return key.name();
    }
}
