package dev.lifeboat.domain.model;

import dev.lifeboat.domain.error.InvalidUsageException;
import java.util.Objects;

/**
 * A compression and its level, checked when made.
 *
 * @param compression the algorithm
 * @param level       the level, within the algorithm's range (0 for none)
 */
public record CompressionSettings(Compression compression, int level) {

    public static final CompressionSettings DEFAULT = new CompressionSettings(Compression.ZSTD, Compression.ZSTD.defaultLevel());

    public CompressionSettings {
        Objects.requireNonNull(compression, "compression");
        if (level < compression.minLevel() || level > compression.maxLevel()) {
            throw new InvalidUsageException("compression level " + level + " is out of range for " + compression.id()
                    + ": use " + compression.minLevel() + " to " + compression.maxLevel());
        }
    }

    /** The algorithm at its default level. */
    public static CompressionSettings of(Compression compression) {
        return new CompressionSettings(compression, compression.defaultLevel());
    }
}
