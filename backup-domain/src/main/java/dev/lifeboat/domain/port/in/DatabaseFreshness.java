package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.model.ArchiveInfo;
import dev.lifeboat.domain.model.LastVerification;
import dev.lifeboat.domain.model.VerificationRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How one database's backups stand: its newest backup, how old it is against the age allowed, and its last
 * recorded verification.
 *
 * @param database     the database, as its archives name it
 * @param maxAge       how old its newest backup may be
 * @param newest       its newest backup (safety backups taken by restore left out), empty when it has none
 * @param createdAt    when the newest was taken
 * @param age          how old the newest is now; negative when it is dated in the future, beyond two clocks' skew
 * @param verification the newest's last recorded verification
 * @param unreadable   why the newest backup's manifest could not be read, when it could not
 */
public record DatabaseFreshness(String database, Duration maxAge, Optional<ArchiveInfo> newest,
                                Optional<Instant> createdAt, Optional<Duration> age, LastVerification verification,
                                Optional<String> unreadable) {

    /** How a database stands, worst first. */
    public enum Status {
        /** The newest backup's last verification failed, or its manifest is unreadable. */
        FAILED,
        /** No backup, or the newest is older than the max-age, or dated in the future. */
        STALE,
        /** A backup within the max-age whose last verification, if any, passed. */
        FRESH
    }

    public DatabaseFreshness {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(newest, "newest");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(age, "age");
        Objects.requireNonNull(verification, "verification");
        Objects.requireNonNull(unreadable, "unreadable");
    }

    /** Whether there is a backup no older than the max-age, and not dated in the future. */
    public boolean fresh() {
        return age.map(value -> !value.isNegative() && value.compareTo(maxAge) <= 0).orElse(false);
    }

    /** Whether the newest backup is dated later than now: a clock was wrong, and its age says nothing. */
    public boolean datedInTheFuture() {
        return age.map(Duration::isNegative).orElse(false);
    }

    /** The last recorded outcome: empty when never verified (or its record is not trusted). */
    public Optional<Boolean> verified() {
        return verification.record().map(VerificationRecord::passed);
    }

    public Status status() {
        if (unreadable.isPresent() || verified().equals(Optional.of(false))) {
            return Status.FAILED;
        }
        return fresh() ? Status.FRESH : Status.STALE;
    }

    /** The same, under the name the user knows the database by (a configured name its backups need not carry). */
    public DatabaseFreshness named(String name) {
        return new DatabaseFreshness(name, maxAge, newest, createdAt, age, verification, unreadable);
    }

    /** The same, with a verification just made. */
    public DatabaseFreshness withVerification(LastVerification last) {
        return new DatabaseFreshness(database, maxAge, newest, createdAt, age, last, unreadable);
    }
}
