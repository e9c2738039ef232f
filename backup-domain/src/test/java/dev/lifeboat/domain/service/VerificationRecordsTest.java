package dev.lifeboat.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.spi.Sha256;
import dev.lifeboat.domain.model.ArchiveInfo;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.CheckStatus;
import dev.lifeboat.domain.model.LastVerification;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.model.VerificationRecord;
import dev.lifeboat.domain.port.in.ArchiveVerification;
import dev.lifeboat.domain.port.in.BackupReference;
import dev.lifeboat.domain.port.in.VerifyAllCommand;
import dev.lifeboat.domain.port.in.VerifyAllReport;
import dev.lifeboat.domain.port.in.VerifyBackupCommand;
import dev.lifeboat.domain.port.in.VerifyReport;
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.ArchiveReader;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.StoredArchive;
import dev.lifeboat.domain.spi.VerificationRecordFormat;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Verification that remembers: each verification leaves a record, and {@code verify --all} skips what passed lately,
 * newest first, going on past failures. The repository is a map of records; the format is a stand-in that keeps a
 * record as an object (the real one is tested in the archive adapter).
 */
class VerificationRecordsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final byte[] BYTES = "archive bytes".getBytes(StandardCharsets.UTF_8);
    private static final String SHA = Sha256.hex(Sha256.newDigest().digest(BYTES));

    private final ArchiveCodec codec = mock(ArchiveCodec.class);
    private final BackupRepository repository = mock(BackupRepository.class);
    private final Map<BackupName, String> stored = new HashMap<>();
    private final Map<String, VerificationRecord> documents = new HashMap<>();
    private final List<StoredArchive> archives = new ArrayList<>();
    private final VerificationRecordFormat format = new VerificationRecordFormat() {
        @Override
        public String encode(VerificationRecord record) {
            String key = "record-" + documents.size();
            documents.put(key, record);
            return key;
        }

        @Override
        public VerificationRecord decode(String document, BackupName archive) {
            VerificationRecord record = documents.get(document);
            if (record == null) {
                throw new VerificationFailedException("the verification record of " + archive + " is damaged");
            }
            return record;
        }
    };
    private VerifyBackupService service;

    @BeforeEach
    void wire() {
        when(repository.list()).thenReturn(archives);
        when(repository.location()).thenReturn("/backups");
        doAnswer(invocation -> stored.put(invocation.getArgument(0), invocation.getArgument(1)))
                .when(repository).recordVerification(any(), anyString());
        VerificationRecords records = new VerificationRecords(repository, format, Clock.fixed(NOW, ZoneOffset.UTC),
                "9.9.9");
        service = new VerifyBackupService(new EngineRegistry(List.of()), codec, repository, repository,
                ArchiveKeys.NONE, records, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void a_verification_is_recorded_with_its_time_mode_version_checks_and_the_sidecars_sha256() {
        StoredArchive archive = archive("shop", 1, SHA);

        VerifyReport report = service.verify(new VerifyBackupCommand(new BackupReference.Named(
                archive.info().name().value()), false, Map.of()), Progress.NONE);

        assertThat(report.passed()).isTrue();
        assertThat(report.notices()).isEmpty();
        VerificationRecord record = documents.get(stored.get(archive.info().name()));
        assertThat(record.archive()).isEqualTo(archive.info().name());
        assertThat(record.archiveSha256()).contains(SHA);
        assertThat(record.verifiedAt()).isEqualTo(NOW);
        assertThat(record.deep()).isFalse();
        assertThat(record.toolVersion()).isEqualTo("9.9.9");
        assertThat(record.checks()).extracting(VerificationCheck::name).isEqualTo(
                report.checks().stream().map(VerificationCheck::name).toList());
        assertThat(new VerificationRecords(repository, format, Clock.systemUTC(), "x").last(archive).record())
                .contains(record);
    }

    /** Verifying from a read-only mount or with read-only credentials still verifies: the record is a notice. */
    @Test
    void a_record_that_cannot_be_written_is_a_notice_and_the_verification_still_passes() {
        StoredArchive archive = archive("shop", 1, SHA);
        doThrow(new UnavailableException("cannot write to /backups: read-only file system"))
                .when(repository).recordVerification(any(), anyString());

        VerifyReport report = service.verify(new VerifyBackupCommand(new BackupReference.Named(
                archive.info().name().value()), false, Map.of()), Progress.NONE);

        assertThat(report.passed()).isTrue();
        assertThat(report.notices()).singleElement().asString()
                .contains("not recorded").contains("read-only file system");
    }

    @Test
    void a_failed_verification_is_recorded_as_failed() {
        StoredArchive archive = archive("shop", 1, "0".repeat(64));

        VerifyReport report = service.verify(new VerifyBackupCommand(new BackupReference.Named(
                archive.info().name().value()), false, Map.of()), Progress.NONE);

        assertThat(report.passed()).isFalse();
        assertThat(documents.get(stored.get(archive.info().name())).passed()).isFalse();
    }

    /**
     * A deep verification found the rows wrong; a fast one, which reads only checksums, passes. Recorded, it would make
     * check report the archive as intact: the failure stays until a verification as thorough passes.
     */
    @Test
    void a_failure_on_record_is_not_replaced_by_a_verification_that_checks_less() {
        StoredArchive archive = archive("shop", 1, SHA);
        String failed = "kept-failed";
        documents.put(failed, new VerificationRecord(archive.info().name(), Optional.of(SHA),
                NOW.minus(Duration.ofHours(1)), true, "1",
                List.of(new VerificationCheck("fingerprint", CheckStatus.FAILED, "expected 4 rows, found 3"))));
        stored.put(archive.info().name(), failed);

        VerifyReport fast = service.verify(new VerifyBackupCommand(new BackupReference.Named(
                archive.info().name().value()), false, Map.of()), Progress.NONE);

        assertThat(fast.passed()).isTrue();
        assertThat(fast.notices()).singleElement().asString().contains("failure stays on record", "verify --deep");
        assertThat(stored.get(archive.info().name())).isEqualTo(failed);
        assertThat(new VerificationRecords(repository, format, Clock.systemUTC(), "x").last(archive).record())
                .hasValueSatisfying(record -> assertThat(record.passed()).isFalse());
    }

    /** Beside ciphertext, a record keeps the outcome of each check but not its name or detail (table names). */
    @Test
    void an_encrypted_archives_record_keeps_outcomes_not_content() {
        List<VerificationCheck> checks = List.of(VerificationCheck.passed("part data/public.salaries.copy", "ok"),
                VerificationCheck.failed("fingerprint", "table salaries: 3 rows, expected 4"));

        List<VerificationCheck> kept = VerificationRecords.withoutContent(checks);

        assertThat(kept).extracting(VerificationCheck::status).containsExactly(CheckStatus.PASSED, CheckStatus.FAILED);
        assertThat(kept.toString()).doesNotContain("salaries");
    }

    /** A record kept beside an archive that was since replaced under the same name says nothing about it. */
    @Test
    void a_record_whose_sha256_is_not_the_sidecars_is_ignored() {
        StoredArchive archive = archive("shop", 1, SHA);
        recordPassed(archive, NOW.minus(Duration.ofHours(1)), false, "f".repeat(64));

        LastVerification last = new VerificationRecords(repository, format, Clock.systemUTC(), "x").last(archive);

        assertThat(last).isInstanceOf(LastVerification.Ignored.class);
        assertThat(((LastVerification.Ignored) last).reason()).contains("earlier archive");
    }

    @Test
    void verify_all_skips_what_passed_lately_reverifies_the_rest_newest_first_and_goes_on_past_failures() {
        StoredArchive lately = archive("shop", 5, SHA);
        StoredArchive longAgo = archive("shop", 4, SHA);
        StoredArchive damaged = archive("shop", 3, "0".repeat(64));
        StoredArchive never = archive("shop", 2, SHA);
        StoredArchive badRecord = archive("shop", 1, SHA);
        recordPassed(lately, NOW.minus(Duration.ofDays(2)), false, SHA);
        recordPassed(longAgo, NOW.minus(Duration.ofDays(40)), false, SHA);
        when(badRecord.verificationRecord()).thenReturn(Optional.of("garbage"));

        VerifyAllReport report = service.verifyAll(new VerifyAllCommand(false, Optional.of(Duration.ofDays(30)),
                Map.of()), Progress.NONE);

        assertThat(report.archives()).extracting(entry -> entry.archive().name())
                .containsExactly(lately.info().name(), longAgo.info().name(), damaged.info().name(),
                        never.info().name(), badRecord.info().name());
        assertThat(report.archives().get(0)).isInstanceOf(ArchiveVerification.Skipped.class);
        assertThat(report.archives().subList(1, 5)).allMatch(ArchiveVerification.Verified.class::isInstance);
        assertThat(report.archives().get(2).failed()).isTrue();
        assertThat(report.verified()).isEqualTo(3);
        assertThat(report.skipped()).isEqualTo(1);
        assertThat(report.failed()).isEqualTo(1);
        verify(repository, never()).recordVerification(eq(lately.info().name()), anyString());
        assertThat(stored).containsKeys(longAgo.info().name(), damaged.info().name(), never.info().name(),
                badRecord.info().name());
    }

    /** A fast verification does not stand in for a deep one, and without a limit every archive is verified. */
    @Test
    void verify_all_deep_reverifies_what_was_only_checked_fast_and_no_limit_verifies_everything() {
        StoredArchive fast = archive("shop", 2, SHA);
        recordPassed(fast, NOW.minus(Duration.ofMinutes(5)), false, SHA);

        assertThat(service.verifyAll(new VerifyAllCommand(false, Optional.empty(), Map.of()), Progress.NONE)
                .skipped()).isZero();
        recordPassed(fast, NOW.minus(Duration.ofMinutes(5)), false, SHA);
        VerifyAllReport deep = service.verifyAll(new VerifyAllCommand(true, Optional.of(Duration.ofDays(1)),
                Map.of()), Progress.NONE);

        assertThat(deep.skipped()).isZero();
        assertThat(deep.archives()).singleElement().isNotInstanceOf(ArchiveVerification.Skipped.class);
    }

    /** An age longer than the calendar reaches (--older-than 999999999999d) skips everything verified, no error. */
    @Test
    void verify_all_with_an_age_beyond_the_calendar_skips_every_verified_archive() {
        StoredArchive verifiedLongAgo = archive("shop", 2, SHA);
        StoredArchive never = archive("shop", 1, SHA);
        recordPassed(verifiedLongAgo, NOW.minus(Duration.ofDays(4000)), false, SHA);

        VerifyAllReport report = service.verifyAll(new VerifyAllCommand(false,
                Optional.of(Duration.ofDays(999_999_999_999L)), Map.of()), Progress.NONE);

        assertThat(report.archives()).extracting(entry -> entry.archive().name())
                .containsExactly(verifiedLongAgo.info().name(), never.info().name());
        assertThat(report.archives().get(0)).isInstanceOf(ArchiveVerification.Skipped.class);
        assertThat(report.archives().get(1)).isInstanceOf(ArchiveVerification.Verified.class);
    }

    private void recordPassed(StoredArchive archive, Instant at, boolean deep, String sha) {
        String key = "kept-" + archive.info().name() + at;
        documents.put(key, new VerificationRecord(archive.info().name(), Optional.of(sha), at, deep, "1",
                List.of(new VerificationCheck("archive checksum", CheckStatus.PASSED, "ok"))));
        stored.put(archive.info().name(), key);
    }

    /** An archive taken {@code day} days into December whose manifest lists no parts, with the given sidecar. */
    private StoredArchive archive(String database, int day, String sidecar) {
        Instant createdAt = Instant.parse("2026-12-0" + day + "T03:00:00Z");
        String name = database + "_2026-12-0" + day + "T03-00-00Z.lifeboat.tar";
        StoredArchive archive = mock(StoredArchive.class);
        ArchiveInfo info = new ArchiveInfo(new BackupName(name), "/backups/" + name, BYTES.length, createdAt);
        when(archive.info()).thenReturn(info);
        when(archive.open()).thenAnswer(invocation -> Fixtures.channelOver(BYTES));
        when(archive.recordedSha256()).thenReturn(Optional.of(sidecar));
        when(archive.manifestCopy()).thenReturn(Optional.empty());
        when(archive.verificationRecord()).thenAnswer(invocation -> Optional.ofNullable(stored.get(info.name())));
        ArchiveReader reader = mock(ArchiveReader.class);
        when(reader.manifest()).thenReturn(Fixtures.manifest(database, createdAt));
        when(reader.parts()).thenReturn(List.of());
        when(codec.open(any(), eq(name))).thenReturn(reader);
        when(repository.find(info.name())).thenReturn(Optional.of(archive));
        archives.add(archive);
        return archive;
    }
}
