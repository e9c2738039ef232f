package dev.lifeboat.domain.port.in;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.error.ExitStatus;
import dev.lifeboat.domain.model.ArchiveInfo;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.VerificationCheck;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** verify --all ends with what went wrong: damage first, else why archives could not be verified at all. */
class VerifyAllReportTest {

    private static final ArchiveInfo ENCRYPTED = info("shop_2026-12-01T03-00-00Z.lifeboat.tar.age");
    private static final ArchiveInfo PLAIN = info("shop_2026-12-02T03-00-00Z.lifeboat.tar");

    @Test
    void an_archive_that_needs_an_identity_not_given_is_a_usage_error_not_damage() {
        VerifyAllReport report = new VerifyAllReport(List.of(
                new ArchiveVerification.Verified(new VerifyReport(PLAIN, true,
                        List.of(VerificationCheck.passed("fingerprint", "ok")))),
                new ArchiveVerification.Unverifiable(ENCRYPTED, "needs the identity", ExitStatus.USAGE)));

        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.failureStatus()).isEqualTo(ExitStatus.USAGE);
    }

    @Test
    void a_damaged_archive_is_a_failed_verification_whatever_else_happened() {
        VerifyAllReport report = new VerifyAllReport(List.of(
                new ArchiveVerification.Unverifiable(ENCRYPTED, "wrong key", ExitStatus.UNAVAILABLE),
                new ArchiveVerification.Verified(new VerifyReport(PLAIN, false,
                        List.of(VerificationCheck.failed("archive checksum", "mismatch"))))));

        assertThat(report.failureStatus()).isEqualTo(ExitStatus.VERIFICATION_FAILED);
        assertThat(new VerifyAllReport(List.of(
                new ArchiveVerification.Unverifiable(ENCRYPTED, "needs the identity", ExitStatus.USAGE),
                new ArchiveVerification.Unverifiable(PLAIN, "truncated", ExitStatus.VERIFICATION_FAILED)))
                .failureStatus()).as("damage found while opening it").isEqualTo(ExitStatus.VERIFICATION_FAILED);
    }

    private static ArchiveInfo info(String name) {
        return new ArchiveInfo(new BackupName(name), "/backups/" + name, 100, Instant.EPOCH);
    }
}
