package dev.lifeboat.domain.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one verification of an archive found, as the repository keeps it beside the archive so that later runs
 * ({@code list}, {@code inspect}, {@code check}, {@code verify --all}) know without reading the archive again.
 *
 * @param archive       the archive verified
 * @param archiveSha256 the SHA-256 its sidecar recorded when it was verified, empty when the sidecar was missing or
 *                      unreadable; a record whose SHA-256 is not the sidecar's now is about another archive of that
 *                      name, and is ignored
 * @param verifiedAt    when the verification ended
 * @param deep          whether the archive was restored into scratch space and compared, or only its checksums read
 * @param toolVersion   the lifeboat version that verified it
 * @param checks        every check made, in order
 */
public record VerificationRecord(BackupName archive, Optional<String> archiveSha256, Instant verifiedAt, boolean deep,
                                 String toolVersion, List<VerificationCheck> checks) {

    public VerificationRecord {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(archiveSha256, "archiveSha256");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        Objects.requireNonNull(toolVersion, "toolVersion");
        checks = List.copyOf(checks);
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("a verification makes at least one check");
        }
    }

    /** True when no check failed. */
    public boolean passed() {
        return checks.stream().noneMatch(check -> check.status() == CheckStatus.FAILED);
    }

    /** The first failed check, when one failed. */
    public Optional<VerificationCheck> firstFailure() {
        return checks.stream().filter(check -> check.status() == CheckStatus.FAILED).findFirst();
    }

    /** "deep" or "fast": how thorough the verification was. */
    public String mode() {
        return deep ? "deep" : "fast";
    }
}
