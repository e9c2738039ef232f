package dev.lifeboat.domain.port.in;

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
}
