package dev.lifeboat.adapter.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The line each key of a TOML document is written on; for a table, the line of its header (or of the first key that
 * made it, such as {@code databases} in {@code [databases.shop]}).
 *
 * @param lines          line numbers from 1, by key
 * @param firstDuplicate the first key or table written a second time, which only text the parser refused has
 */
record KeyLines(Map<KeyPath, Integer> lines, Optional<Duplicate> firstDuplicate) {

    /**
     * A key or table written twice.
     *
     * @param key       its full name
     * @param firstLine where it was first written
     * @param line      where it was written again
     */
    record Duplicate(KeyPath key, int firstLine, int line) {
    }

    KeyLines {
        lines = Map.copyOf(lines);
        Objects.requireNonNull(firstDuplicate, "firstDuplicate");
    }

    OptionalInt lineOf(KeyPath key) {
        Integer line = lines.get(key);
        return line == null ? OptionalInt.empty() : OptionalInt.of(line);
    }
}
