package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.model.ArchiveInfo;
import dev.lifeboat.domain.model.CheckStatus;
import dev.lifeboat.domain.model.VerificationCheck;
import java.util.List;
import java.util.Objects;

/**
 * The checks made on one archive.
 *
 * @param archive the archive
 * @param deep    whether it was restored and compared, or only its checksums read
 * @param checks  every check, in the order made
 */
public record VerifyReport(ArchiveInfo archive, boolean deep, List<VerificationCheck> checks) {

    public VerifyReport {
        Objects.requireNonNull(archive, "archive");
        checks = List.copyOf(checks);
    }

    /** True when no check failed. */
    public boolean passed() {
        return checks.stream().noneMatch(check -> check.status() == CheckStatus.FAILED);
    }

    public List<VerificationCheck> failures() {
        return checks.stream().filter(check -> check.status() == CheckStatus.FAILED).toList();
    }
}
