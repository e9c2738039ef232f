package dev.lifeboat.domain.config;

import java.util.Objects;

/**
 * Where a configured value was written, so every message about it can point there.
 *
 * @param file the configuration file
 * @param line its line, from 1
 * @param key  the key's full name, such as {@code databases.shop.compression}
 */
public record Origin(String file, int line, String key) {

    public Origin {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + key;
    }
}
