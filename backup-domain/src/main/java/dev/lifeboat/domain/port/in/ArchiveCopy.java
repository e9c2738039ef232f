package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.error.ExitStatus;
import dev.lifeboat.domain.model.BackupName;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one archive in a copy.
 *
 * @param name      the archive
 * @param sizeBytes its size in the source
 * @param outcome   copied, skipped, refused or failed
 * @param status    how it counts toward the exit status: success for copied and skipped, refused for refused,
 *                  verification failed (or incompatible, or unavailable) for failed
 * @param sha256    the SHA-256 the source records for it, when it records one that could be read
 * @param detail    why, in words: "the target has it with the same SHA-256", what did not match, ...
 */
public record ArchiveCopy(BackupName name, long sizeBytes, Outcome outcome, ExitStatus status, Optional<String> sha256,
                          String detail) {

    /** What became of an archive. */
    public enum Outcome {
        /** Copied, and its SHA-256 checked in the source's bytes and in the target's record (in a dry run: would be). */
        COPIED,
        /** The target has it under the same name, its checksum file recording the same SHA-256. */
        SKIPPED,
        /** The target has something else under its name; nothing was changed. */
        REFUSED,
        /** It could not be copied as it is recorded (damaged, no sidecar, ...); nothing was left in the target. */
        FAILED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ArchiveCopy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(detail, "detail");
        boolean ok = outcome == Outcome.COPIED || outcome == Outcome.SKIPPED;
        if (ok != (status == ExitStatus.SUCCESS) || outcome == Outcome.REFUSED && status != ExitStatus.REFUSED) {
            throw new IllegalArgumentException(outcome + " does not go with exit status " + status);
        }
    }

    public boolean ok() {
        return status == ExitStatus.SUCCESS;
    }
}
