package dev.lifeboat.domain.service;

import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.LastVerification;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.model.VerificationRecord;
import dev.lifeboat.domain.port.in.LastVerificationUseCase;
import dev.lifeboat.domain.port.in.VerifyReport;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.StoredArchive;
import dev.lifeboat.domain.spi.VerificationRecordFormat;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The verifications a repository remembers: each verification is recorded beside its archive, and read back for
 * {@code list}, {@code inspect}, {@code check} and {@code verify --all}. A record is a hint about the past, never a
 * reason to fail: one that cannot be written is a notice (a read-only repository still verifies), and one that cannot
 * be trusted counts as none.
 */
public final class VerificationRecords implements LastVerificationUseCase {

    private final BackupRepository repository;
    private final VerificationRecordFormat format;
    private final Clock clock;
    private final String toolVersion;

    public VerificationRecords(BackupRepository repository, VerificationRecordFormat format, Clock clock,
                               String toolVersion) {
        this.repository = repository;
        this.format = format;
        this.clock = clock;
        this.toolVersion = toolVersion;
    }

    /**
     * Records a verification beside its archive.
     *
     * @return the report, with a notice added when the record could not be written
     */
    public VerifyReport record(StoredArchive archive, VerifyReport report) {
        Optional<VerificationRecord> last = report.passed() ? lastFailure(archive)
                .filter(failure -> !clears(report, failure)) : Optional.empty();
        if (last.isPresent()) {
            // a fast verification, or one without the key, cannot tell that what a thorough one found is gone
            return report.withNotice("the last verification of " + archive.info().name() + " (" + last.get().mode()
                    + ", " + last.get().verifiedAt() + ") failed, and this one checks less, so the failure stays on "
                    + "record: verify" + (last.get().deep() ? " --deep" : "") + (archive.info().name().encrypted()
                    ? " with the identity" : "") + " clears it when the archive passes");
        }
        Optional<String> sha256;
        try {
            sha256 = archive.recordedSha256();
        } catch (LifeboatException e) {
            sha256 = Optional.empty();
        }
        VerificationRecord record = new VerificationRecord(archive.info().name(), sha256, clock.instant(),
                report.deep(), toolVersion, archive.info().name().encrypted() ? withoutContent(report.checks())
                : report.checks());
        try {
            repository.recordVerification(archive.info().name(), format.encode(record));
            return report;
        } catch (LifeboatException e) {
            return report.withNotice("the verification was not recorded beside the archive: " + e.getMessage());
        }
    }

    /** The failed verification on record, if the last one failed; none when the record cannot be read. */
    Optional<VerificationRecord> lastFailure(StoredArchive archive) {
        return last(archive).record().filter(record -> !record.passed());
    }

    /**
     * Whether a verification that passed checked as much as a failure on record did, so that it replaces it: the
     * contents read (an encrypted archive's need the identity), and deep when the failure was.
     */
    private static boolean clears(VerifyReport report, VerificationRecord failure) {
        return (report.deep() || !failure.deep()) && report.checks().stream()
                .noneMatch(check -> check.name().equals(VerifyBackupService.UNCHECKED_CONTENTS));
    }

    /**
     * The checks of an encrypted archive as its record keeps them: their outcomes only. Their names and details
     * speak of the archive's content (a part is named after its table, a fingerprint counts rows), which must
     * never lie in plaintext beside the ciphertext.
     */
    static List<VerificationCheck> withoutContent(List<VerificationCheck> checks) {
        List<VerificationCheck> kept = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            kept.add(new VerificationCheck("check " + (i + 1), checks.get(i).status(),
                    "not recorded: the archive is encrypted"));
        }
        return kept;
    }

    /**
     * The archive's last recorded verification. A record that is damaged, from a newer lifeboat, about an archive
     * whose sidecar has changed since (the archive was replaced), or that cannot be read at all is
     * {@link LastVerification.Ignored}: a record is a hint, never a reason for a run to fail.
     */
    @Override
    public LastVerification last(StoredArchive archive) {
        try {
            return read(archive);
        } catch (LifeboatException e) {
            return new LastVerification.Ignored("the record cannot be read: " + e.getMessage());
        }
    }

    private LastVerification read(StoredArchive archive) {
        Optional<String> document = archive.verificationRecord();
        if (document.isEmpty()) {
            return new LastVerification.Never();
        }
        VerificationRecord record;
        try {
            record = format.decode(document.get(), archive.info().name());
        } catch (VerificationFailedException | IncompatibleException e) {
            return new LastVerification.Ignored(e.getMessage());
        }
        Optional<String> sidecar;
        try {
            sidecar = archive.recordedSha256();
        } catch (VerificationFailedException e) {
            sidecar = Optional.empty();
        }
        if (!record.archiveSha256().equals(sidecar)) {
            return new LastVerification.Ignored("the record is about an earlier archive of that name: its SHA-256 "
                    + "is not the one the sidecar records now");
        }
        return new LastVerification.Recorded(record);
    }
}
