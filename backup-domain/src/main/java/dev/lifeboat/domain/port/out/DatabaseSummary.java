package dev.lifeboat.domain.port.out;

import java.util.Objects;

/**
 * What a backup must know before it starts, found without reading the data: the name for the archive and the size
 * for the free-space check.
 *
 * @param databaseName the database's short name, as {@code describe} gives it
 * @param sizeBytes    the database's size on disk
 */
public record DatabaseSummary(String databaseName, long sizeBytes) {

    public DatabaseSummary {
        Objects.requireNonNull(databaseName, "databaseName");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }
}
