package dev.lifeboat.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lifeboat.domain.error.RefusedException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.spi.Sha256;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.port.in.BackupReference;
import dev.lifeboat.domain.port.in.BackupReport;
import dev.lifeboat.domain.port.in.RestoreBackupCommand;
import dev.lifeboat.domain.port.in.RestorePlan;
import dev.lifeboat.domain.port.in.RestoreReport;
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.ArchiveReader;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.DatabaseEngine;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RepositoryLock;
import dev.lifeboat.domain.spi.RestoreJob;
import dev.lifeboat.domain.spi.RestoreOutcome;
import dev.lifeboat.domain.spi.StoredArchive;
import dev.lifeboat.domain.spi.TargetState;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class RestoreBackupServiceTest {

    private static final String NAME = "shop_2026-11-24T10-58-24Z.lifeboat.tar";
    private static final byte[] ARCHIVE_BYTES = "archive bytes".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PART_BYTES = "part bytes".getBytes(StandardCharsets.UTF_8);
    private static final DatabaseLocation TARGET = DatabaseLocation.of("/restore/shop.db");

    private final DatabaseEngine engine = mock(DatabaseEngine.class);
    private final ArchiveCodec codec = mock(ArchiveCodec.class);
    private final BackupRepository repository = mock(BackupRepository.class);
    private final StoredArchive stored = mock(StoredArchive.class);
    private final ArchiveReader reader = mock(ArchiveReader.class);
    private final RepositoryLock lock = mock(RepositoryLock.class);
    private final CreateBackupService safetyBackups = mock(CreateBackupService.class);
    private RestoreBackupService service;

    @BeforeEach
    void wire() {
        when(engine.id()).thenReturn("sqlite");
        when(repository.location()).thenReturn("/backups");
        when(repository.find(new BackupName(NAME))).thenReturn(Optional.of(stored));
        when(stored.info()).thenReturn(Fixtures.archive(NAME));
        when(stored.open()).thenAnswer(invocation -> Fixtures.channelOver(ARCHIVE_BYTES));
        when(stored.recordedSha256()).thenReturn(Optional.of(Sha256.hex(Sha256.newDigest().digest(ARCHIVE_BYTES))));
        when(codec.open(any(), anyString())).thenReturn(reader);
        when(reader.manifest()).thenReturn(Fixtures.manifest("shop", Fixtures.NOW));
        when(engine.restore(any())).thenReturn(new RestoreOutcome("/restore/shop.db",
                List.of(VerificationCheck.passed("integrity_check", "ok")), List.of()));
        when(repository.lock(any(), anyString())).thenReturn(lock);
        service = new RestoreBackupService(new EngineRegistry(List.of(engine)), codec, repository, repository,
                safetyBackups, Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
    }

    @Test
    void restores_to_an_absent_target_without_a_safety_backup() {
        when(engine.probeTarget(TARGET)).thenReturn(TargetState.ABSENT);

        RestoreReport report = service.restore(command(false), Progress.NONE);

        verify(engine).restore(argThat(job -> job.target().equals(TARGET) && !job.replaceExisting()
                && job.targetAsSaved().isEmpty()));
        verify(safetyBackups, never()).backupHolding(any(), any(), any());
        assertThat(report.checks()).extracting(VerificationCheck::name)
                .containsExactly("archive checksum", "integrity_check");
        assertThat(report.safetyBackup()).isEmpty();
    }

    @Test
    void refuses_an_occupied_target_without_overwrite_and_touches_nothing() {
        when(engine.probeTarget(TARGET)).thenReturn(TargetState.OCCUPIED);

        assertThatThrownBy(() -> service.restore(command(false), Progress.NONE))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("--overwrite");

        verify(engine, never()).restore(any());
        verify(safetyBackups, never()).backupHolding(any(), any(), any());
    }

    @Test
    void with_overwrite_the_target_is_backed_up_under_the_lock_before_it_is_replaced() {
        when(engine.probeTarget(TARGET)).thenReturn(TargetState.OCCUPIED);
        BackupReport safety = new BackupReport(Fixtures.archive("shop_pre-restore_2026-11-24T10-58-24Z.lifeboat.tar"),
                Fixtures.manifest("shop", Fixtures.NOW), Duration.ZERO, List.of(), Optional.empty());
        when(safetyBackups.backupHolding(any(), any(), any())).thenReturn(safety);

        RestoreReport report = service.restore(command(true), Progress.NONE);

        InOrder order = inOrder(repository, safetyBackups, engine, lock);
        order.verify(repository).lock(Duration.ZERO, "restore to /restore/shop.db");
        order.verify(safetyBackups).backupHolding(any(), argThat(backup -> backup.source().equals(TARGET)
                && backup.label().equals(Optional.of(RestoreBackupService.SAFETY_LABEL))), any());
        order.verify(engine).restore(argThat(job -> job.replaceExisting()
                && job.targetAsSaved().equals(Optional.of(safety.manifest().fingerprint()))));
        order.verify(lock).close();
        assertThat(report.safetyBackup()).contains(safety);
    }

    @Test
    void a_target_that_cannot_be_backed_up_first_is_not_replaced() {
        when(engine.probeTarget(TARGET)).thenReturn(TargetState.OCCUPIED);
        when(safetyBackups.backupHolding(any(), any(), any()))
                .thenThrow(new dev.lifeboat.domain.error.UnavailableException("/restore/shop.db is corrupt"));

        assertThatThrownBy(() -> service.restore(command(true), Progress.NONE))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("could not be backed up").hasMessageContaining("is corrupt")
                .hasMessageContaining("nothing was changed");

        verify(engine, never()).restore(any());
    }

    @Test
    void an_archive_that_does_not_match_its_sidecar_is_refused_before_anything_happens() {
        when(engine.probeTarget(TARGET)).thenReturn(TargetState.OCCUPIED);
        when(stored.recordedSha256()).thenReturn(Optional.of("0".repeat(64)));

        assertThatThrownBy(() -> service.restore(command(true), Progress.NONE))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("sidecar");

        verify(safetyBackups, never()).backupHolding(any(), any(), any());
        verify(engine, never()).restore(any());
    }

    @Test
    void a_missing_sidecar_is_a_warning_because_the_parts_are_still_checked() {
        when(engine.probeTarget(TARGET)).thenReturn(TargetState.ABSENT);
        when(stored.recordedSha256()).thenReturn(Optional.empty());

        RestoreReport report = service.restore(command(false), Progress.NONE);

        assertThat(report.warnings()).anySatisfy(warning -> assertThat(warning).contains("missing"));
        verify(engine).restore(any());
    }

    @Test
    void the_archive_is_checked_beside_the_restore_and_a_mismatch_fails_it_at_the_end_of_the_part() {
        when(engine.probeTarget(TARGET)).thenReturn(TargetState.ABSENT);
        when(stored.recordedSha256()).thenReturn(Optional.of("0".repeat(64)));
        when(reader.open("database")).thenReturn(new ByteArrayInputStream(PART_BYTES));
        List<String> engineSaw = new ArrayList<>();
        when(engine.restore(any())).thenAnswer(invocation -> {
            RestoreJob job = invocation.getArgument(0);
            try (InputStream part = job.parts().open("database")) {
                engineSaw.add(new String(part.readNBytes(4), StandardCharsets.UTF_8));
                part.readAllBytes();
            }
            engineSaw.add("replaced the target");
            return new RestoreOutcome("/restore/shop.db", List.of(), List.of());
        });

        assertThatThrownBy(() -> service.restore(command(false), Progress.NONE))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("its sidecar records " + "0".repeat(64));

        assertThat(engineSaw).containsExactly("part");
    }

    @Test
    void a_part_that_fails_on_its_own_reports_the_archive_checksum_when_that_fails_too() {
        when(engine.probeTarget(TARGET)).thenReturn(TargetState.ABSENT);
        when(stored.recordedSha256()).thenReturn(Optional.of("0".repeat(64)));
        when(reader.open("database")).thenReturn(new InputStream() {
            @Override
            public int read() {
                throw new VerificationFailedException("its stored bytes have SHA-256 1 but the manifest records 2");
            }
        });
        when(engine.restore(any())).thenAnswer(invocation -> {
            RestoreJob job = invocation.getArgument(0);
            try (InputStream part = job.parts().open("database")) {
                part.read();
            }
            return new RestoreOutcome("/restore/shop.db", List.of(), List.of());
        });

        assertThatThrownBy(() -> service.restore(command(false), Progress.NONE))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("its sidecar records")
                .hasRootCauseMessage("its stored bytes have SHA-256 1 but the manifest records 2");
    }

    @Test
    void the_archive_is_read_for_its_checksum_while_the_engine_reads_the_part() throws Exception {
        when(engine.probeTarget(TARGET)).thenReturn(TargetState.ABSENT);
        CountDownLatch engineStarted = new CountDownLatch(1);
        AtomicInteger opened = new AtomicInteger();
        when(stored.open()).thenAnswer(invocation -> {
            // a check taken before the restore would wait here for ever; the test's timeout ends it
            boolean forTheManifest = opened.getAndIncrement() == 0;
            if (!forTheManifest && !engineStarted.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the engine never started while the archive was checked");
            }
            return Fixtures.channelOver(ARCHIVE_BYTES);
        });
        when(reader.open("database")).thenReturn(new ByteArrayInputStream(PART_BYTES));
        when(engine.restore(any())).thenAnswer(invocation -> {
            engineStarted.countDown();
            RestoreJob job = invocation.getArgument(0);
            try (InputStream part = job.parts().open("database")) {
                part.readAllBytes();
            }
            return new RestoreOutcome("/restore/shop.db", List.of(VerificationCheck.passed("integrity_check", "ok")),
                    List.of());
        });

        RestoreReport report = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> service.restore(command(false), Progress.NONE));

        assertThat(report.checks()).extracting(VerificationCheck::name)
                .containsExactly("archive checksum", "integrity_check");
    }

    @Test
    void a_part_read_before_the_archive_check_does_not_wait_for_it_and_the_engine_waits_before_replacing() {
        when(engine.probeTarget(TARGET)).thenReturn(TargetState.ABSENT);
        when(stored.recordedSha256()).thenReturn(Optional.of("0".repeat(64)));
        CountDownLatch schemaRead = new CountDownLatch(1);
        AtomicInteger opened = new AtomicInteger();
        when(stored.open()).thenAnswer(invocation -> {
            // the check reads the archive only once the engine has read its schema: a schema part that waited for
            // the check at its end would wait here until the latch gives up
            boolean forTheManifest = opened.getAndIncrement() == 0;
            if (!forTheManifest && !schemaRead.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the part read before the archive's check waited for it");
            }
            return Fixtures.channelOver(ARCHIVE_BYTES);
        });
        when(reader.open("schema")).thenReturn(new ByteArrayInputStream(PART_BYTES));
        List<String> engineSaw = new ArrayList<>();
        when(engine.restore(any())).thenAnswer(invocation -> {
            RestoreJob job = invocation.getArgument(0);
            try (InputStream part = job.parts().openBeforeArchiveCheck("schema")) {
                engineSaw.add(new String(part.readAllBytes(), StandardCharsets.UTF_8));
            }
            schemaRead.countDown();
            job.parts().requireIntact();
            engineSaw.add("replaced the target");
            return new RestoreOutcome("/restore/shop.db", List.of(), List.of());
        });

        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> service.restore(command(false), Progress.NONE)))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("its sidecar records " + "0".repeat(64));

        assertThat(engineSaw).containsExactly("part bytes");
    }

    @Test
    void an_engine_that_never_reads_a_part_to_its_end_does_not_hide_a_failed_checksum() {
        when(engine.probeTarget(TARGET)).thenReturn(TargetState.ABSENT);
        when(stored.recordedSha256()).thenReturn(Optional.of("0".repeat(64)));

        assertThatThrownBy(() -> service.restore(command(false), Progress.NONE))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("was restored, but the archive fails its checksum");
    }

    @Test
    void without_a_target_the_backup_returns_where_it_came_from() {
        DatabaseLocation original = DatabaseLocation.of("/data/shop.db");
        when(engine.probeTarget(original)).thenReturn(TargetState.ABSENT);

        RestorePlan plan = service.plan(new RestoreBackupCommand(new BackupReference.Named(NAME), Optional.empty(),
                false, Duration.ZERO, Map.of()));

        assertThat(plan.target()).isEqualTo(original);
        assertThat(plan.replacesData()).isFalse();
    }

    private static RestoreBackupCommand command(boolean overwrite) {
        return new RestoreBackupCommand(new BackupReference.Named(NAME), Optional.of(TARGET), overwrite, Duration.ZERO,
                Map.of());
    }
}
