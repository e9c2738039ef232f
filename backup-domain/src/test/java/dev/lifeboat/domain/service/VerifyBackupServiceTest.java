package dev.lifeboat.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.CheckStatus;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.port.in.BackupReference;
import dev.lifeboat.domain.port.in.VerifyBackupCommand;
import dev.lifeboat.domain.port.in.VerifyReport;
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.ArchiveReader;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.DatabaseEngine;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RestoreOutcome;
import dev.lifeboat.domain.spi.ScratchSpace;
import dev.lifeboat.domain.spi.Sha256;
import dev.lifeboat.domain.spi.StoredArchive;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VerifyBackupServiceTest {

    private static final String NAME = "shop_2026-11-24T10-58-24Z.lifeboat.tar";

    private final DatabaseEngine engine = mock(DatabaseEngine.class);
    private final ArchiveCodec codec = mock(ArchiveCodec.class);
    private final BackupRepository repository = mock(BackupRepository.class);
    private final StoredArchive stored = mock(StoredArchive.class);
    private final ArchiveReader reader = mock(ArchiveReader.class);
    private final ScratchSpace scratch = mock(ScratchSpace.class);
    private VerifyBackupService service;

    @BeforeEach
    void wire() {
        when(engine.id()).thenReturn("sqlite");
        when(repository.find(new BackupName(NAME))).thenReturn(Optional.of(stored));
        when(repository.openScratch()).thenReturn(scratch);
        when(stored.info()).thenReturn(Fixtures.archive(NAME));
        when(stored.recordedSha256()).thenReturn(Optional.empty());
        when(codec.open(any(), anyString())).thenReturn(reader);
        when(reader.manifest()).thenReturn(Fixtures.manifest("shop", Fixtures.NOW));
        when(reader.parts()).thenReturn(List.of(Fixtures.part("database.sqlite")));
        when(reader.open("database.sqlite")).thenAnswer(invocation -> new ByteArrayInputStream(new byte[30]));
        when(engine.restoreToScratch(any())).thenReturn(new RestoreOutcome("scratch",
                List.of(VerificationCheck.passed("fingerprint", "1 table, 3 rows match")), List.of()));
        service = new VerifyBackupService(new EngineRegistry(List.of(engine)), codec, repository);
    }

    @Test
    void fast_verification_reads_every_part_and_does_not_restore() {
        VerifyReport report = verifyBackup(false);

        assertThat(report.checks()).extracting(VerificationCheck::name)
                .containsExactly("archive checksum", "manifest", "part database.sqlite");
        verify(engine, never()).restoreToScratch(any());
    }

    /** Another database's archive copied over this one's name, with a sidecar to match: intact, but not shop's. */
    @Test
    void an_archive_whose_manifest_is_not_what_its_name_says_fails() {
        when(reader.manifest()).thenReturn(Fixtures.manifest("other", Fixtures.NOW));

        VerifyReport report = verifyBackup(false);

        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).filteredOn(check -> check.name().equals("name")).singleElement()
                .satisfies(check -> assertThat(check.detail()).contains("backup of other", "not what its name says"));
    }

    @Test
    void the_archive_is_read_for_its_checksum_while_the_parts_are_checked() throws Exception {
        byte[] archiveBytes = "archive bytes".getBytes(StandardCharsets.UTF_8);
        when(stored.recordedSha256()).thenReturn(Optional.of(Sha256.hex(Sha256.newDigest().digest(archiveBytes))));
        CountDownLatch partOpened = new CountDownLatch(1);
        // a checksum taken before the parts would wait here for ever; the test's timeout ends it
        when(stored.open()).thenAnswer(invocation -> Fixtures.channelOver(archiveBytes, () -> {
            try {
                if (!partOpened.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the parts were never read while the archive was checked");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }));
        when(reader.open("database.sqlite")).thenAnswer(invocation -> {
            partOpened.countDown();
            return new ByteArrayInputStream(new byte[30]);
        });

        VerifyReport report = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> verifyBackup(false));

        assertThat(report.passed()).as(report.checks().toString()).isTrue();
        assertThat(report.checks()).extracting(VerificationCheck::name)
                .containsExactly("archive checksum", "manifest", "part database.sqlite");
    }

    @Test
    void a_missing_sidecar_fails_the_verification() {
        VerifyReport report = verifyBackup(false);

        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).singleElement().satisfies(check -> assertThat(check.detail()).contains("missing"));
    }

    @Test
    void a_damaged_part_is_a_failed_check_and_stops_the_deep_restore() {
        when(reader.open("database.sqlite")).thenAnswer(invocation -> new SequenceInputStream(
                new ByteArrayInputStream(new byte[10]), failingStream("part database.sqlite: SHA-256 differs")));

        VerifyReport report = verifyBackup(true);

        assertThat(report.checks()).filteredOn(check -> check.status() == CheckStatus.FAILED)
                .extracting(VerificationCheck::name).contains("part database.sqlite", "restore");
        verify(engine, never()).restoreToScratch(any());
    }

    @Test
    void deep_verification_restores_into_scratch_space_and_closes_it() {
        VerifyReport report = verifyBackup(true);

        assertThat(report.checks()).extracting(VerificationCheck::name).endsWith("fingerprint");
        verify(engine).restoreToScratch(any());
        verify(scratch).close();
    }

    @Test
    void a_fingerprint_mismatch_in_the_scratch_restore_fails_the_verification() {
        when(engine.restoreToScratch(any())).thenThrow(new VerificationFailedException("table orders: expected 3 rows, found 2"));

        VerifyReport report = verifyBackup(true);

        assertThat(report.failures()).extracting(VerificationCheck::detail)
                .contains("table orders: expected 3 rows, found 2");
    }

    @Test
    void an_archive_that_cannot_be_opened_is_a_failed_check_not_a_crash() {
        when(codec.open(any(), anyString())).thenThrow(new VerificationFailedException("truncated: no manifest.json"));

        VerifyReport report = verifyBackup(true);

        assertThat(report.failures()).extracting(VerificationCheck::detail).contains("truncated: no manifest.json");
    }

    private VerifyReport verifyBackup(boolean deep) {
        return service.verify(new VerifyBackupCommand(new BackupReference.Named(NAME), deep, Map.of()), Progress.NONE);
    }

    private static InputStream failingStream(String message) {
        return new InputStream() {
            @Override
            public int read() {
                throw new VerificationFailedException(message);
            }
        };
    }
}
