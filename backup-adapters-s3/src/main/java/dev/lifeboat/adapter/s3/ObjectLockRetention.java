package dev.lifeboat.adapter.s3;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;

/**
 * The S3 Object Lock retention put on every object an archive consists of (archive, sidecar, manifest copy), so that
 * nobody, lifeboat included, can delete or overwrite it before the period ends.
 *
 * @param mode governance (users with a special permission may still delete) or compliance (nobody may)
 * @param days how long each object is kept from the moment it is written
 */
record ObjectLockRetention(ObjectLockMode mode, int days) {

    ObjectLockRetention {
        Objects.requireNonNull(mode, "mode");
        if (days < 1) {
            throw new IllegalArgumentException("days must be positive: " + days);
        }
    }

    /** The end of the retention of an object written now. */
    Instant retainUntil(Instant now) {
        return now.plus(Duration.ofDays(days));
    }
}
