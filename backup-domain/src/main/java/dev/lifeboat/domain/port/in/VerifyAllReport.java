package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.error.ExitStatus;
import java.util.List;

/**
 * What {@code verify --all} did, archive by archive, newest first.
 *
 * @param archives every archive of the repository
 */
public record VerifyAllReport(List<ArchiveVerification> archives) {

    public VerifyAllReport {
        archives = List.copyOf(archives);
    }

    /** Archives verified now that passed. */
    public long verified() {
        return archives.stream().filter(entry -> entry instanceof ArchiveVerification.Verified && !entry.failed())
                .count();
    }

    /** Archives left alone, verified recently enough. */
    public long skipped() {
        return archives.stream().filter(ArchiveVerification.Skipped.class::isInstance).count();
    }

    /** Archives that failed verification or could not be verified. */
    public long failed() {
        return archives.stream().filter(ArchiveVerification::failed).count();
    }

    /**
     * What the run ends with when something failed: a damaged archive is a failed verification whatever else
     * happened; archives that could not be verified at all say why (no identity, the wrong one, a repository that
     * cannot be read), the first of them.
     */
    public ExitStatus failureStatus() {
        boolean damaged = archives.stream().anyMatch(entry -> entry.failed()
                && (!(entry instanceof ArchiveVerification.Unverifiable unverifiable)
                || unverifiable.status() == ExitStatus.VERIFICATION_FAILED));
        return damaged ? ExitStatus.VERIFICATION_FAILED : archives.stream()
                .filter(ArchiveVerification.Unverifiable.class::isInstance)
                .map(entry -> ((ArchiveVerification.Unverifiable) entry).status()).findFirst()
                .orElse(ExitStatus.VERIFICATION_FAILED);
    }
}
