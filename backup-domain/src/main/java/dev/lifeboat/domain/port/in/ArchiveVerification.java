package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.error.ExitStatus;
import dev.lifeboat.domain.model.ArchiveInfo;
import dev.lifeboat.domain.model.VerificationRecord;
import java.util.Objects;

/** What {@code verify --all} did with one archive. */
public sealed interface ArchiveVerification {

    ArchiveInfo archive();

    /** Whether this archive counts as a failure. */
    boolean failed();

    /**
     * Verified now.
     *
     * @param report what the checks found
     */
    record Verified(VerifyReport report) implements ArchiveVerification {

        public Verified {
            Objects.requireNonNull(report, "report");
        }

        @Override
        public ArchiveInfo archive() {
            return report.archive();
        }

        @Override
        public boolean failed() {
            return !report.passed();
        }
    }

    /**
     * Left alone: it passed a verification recently enough.
     *
     * @param last that verification
     */
    record Skipped(ArchiveInfo archive, VerificationRecord last) implements ArchiveVerification {

        public Skipped {
            Objects.requireNonNull(archive, "archive");
            Objects.requireNonNull(last, "last");
        }

        @Override
        public boolean failed() {
            return false;
        }
    }

    /**
     * Could not be verified at all (it vanished, it needs an identity that was not given, it could not be read).
     *
     * @param reason why, in one line
     * @param status what kind of failure kept it from being verified: not a damaged archive, unless it says so
     */
    record Unverifiable(ArchiveInfo archive, String reason, ExitStatus status) implements ArchiveVerification {

        public Unverifiable {
            Objects.requireNonNull(archive, "archive");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(status, "status");
        }

        @Override
        public boolean failed() {
            return true;
        }
    }
}
