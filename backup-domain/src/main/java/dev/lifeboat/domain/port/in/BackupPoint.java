package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.model.LastVerification;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One backup as the report charts it: the figures of its manifest, with its last verification and what retention
 * does with it.
 *
 * @param name         the archive's name
 * @param createdAt    when it was taken
 * @param storedBytes  the archive's size in the repository
 * @param rawBytes     what its data takes decompressed; empty when the manifest is not readable (encrypted, damaged)
 * @param rows         rows in all its tables; empty likewise
 * @param duration     how long the backup took; empty likewise, or when an older lifeboat wrote it
 * @param verification its last recorded verification
 * @param kept         whether the retention policy keeps it; empty when no policy applies
 * @param problem      why its manifest could not be read, when it could not
 */
public record BackupPoint(String name, Instant createdAt, long storedBytes, Optional<Long> rawBytes,
                          Optional<Long> rows, Optional<Duration> duration, LastVerification verification,
                          Optional<Boolean> kept, Optional<String> problem) {

    public BackupPoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(rawBytes, "rawBytes");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(verification, "verification");
        Objects.requireNonNull(kept, "kept");
        Objects.requireNonNull(problem, "problem");
    }

    /** Raw size over stored size; empty without a raw size or with nothing stored. */
    public Optional<Double> compressionRatio() {
        return rawBytes.filter(raw -> storedBytes > 0).map(raw -> raw / (double) storedBytes);
    }
}
