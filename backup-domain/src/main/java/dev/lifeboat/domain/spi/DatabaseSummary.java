package dev.lifeboat.domain.spi;

import java.util.Objects;

/**
 * What a backup must know before it starts, found without reading the data: the name for the archive and the sizes
 * for the free-space check.
 *
 * @param databaseName the database's short name, as {@code describe} gives it
 * @param sizeBytes    the database's size on disk; the archive is at most about that big, even uncompressed
 * @param scratchBytes the temporary space the engine needs beside the archive while it backs up (a snapshot
 *                     copy of the database file, say); 0 when it streams
 */
public record DatabaseSummary(String databaseName, long sizeBytes, long scratchBytes) {

    /**
     * Checks that the name is there and that no size is negative.
     *
     * @param databaseName the database's short name, as {@code describe} gives it
     * @param sizeBytes    the database's size on disk; the archive is at most about that big, even uncompressed
     * @param scratchBytes the temporary space the engine needs beside the archive while it backs up (a snapshot
     *                     copy of the database file, say); 0 when it streams
     */
    public DatabaseSummary {
        Objects.requireNonNull(databaseName, "databaseName");
        if (sizeBytes < 0 || scratchBytes < 0) {
            throw new IllegalArgumentException("sizes must not be negative");
        }
    }

    /**
     * The free space a backup needs at its peak: the archive at its largest plus the engine's scratch files.
     *
     * @return the bytes needed
     */
    public long requiredBytes() {
        return sizeBytes + scratchBytes;
    }
}
