package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.model.ArchiveInfo;
import dev.lifeboat.domain.model.CheckStatus;
import dev.lifeboat.domain.model.VerificationCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The checks made on one archive.
 *
 * @param archive the archive
 * @param deep    whether it was restored and compared, or only its checksums read
 * @param checks  every check, in the order made
 * @param notices what the user should hear that is not about the archive, such as a record of the verification
 *                that could not be kept (a read-only repository)
 */
public record VerifyReport(ArchiveInfo archive, boolean deep, List<VerificationCheck> checks, List<String> notices) {

    public VerifyReport {
        Objects.requireNonNull(archive, "archive");
        checks = List.copyOf(checks);
        notices = List.copyOf(notices);
    }

    public VerifyReport(ArchiveInfo archive, boolean deep, List<VerificationCheck> checks) {
        this(archive, deep, checks, List.of());
    }

    /** True when no check failed. */
    public boolean passed() {
        return checks.stream().noneMatch(check -> check.status() == CheckStatus.FAILED);
    }

    public List<VerificationCheck> failures() {
        return checks.stream().filter(check -> check.status() == CheckStatus.FAILED).toList();
    }

    /** The same report with one more notice. */
    public VerifyReport withNotice(String notice) {
        List<String> more = new ArrayList<>(notices);
        more.add(notice);
        return new VerifyReport(archive, deep, checks, more);
    }
}
