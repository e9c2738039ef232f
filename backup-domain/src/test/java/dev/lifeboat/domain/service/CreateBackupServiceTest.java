package dev.lifeboat.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lifeboat.domain.error.InsufficientSpaceException;
import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.LockHolder;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.port.in.BackupPlan;
import dev.lifeboat.domain.port.in.BackupReport;
import dev.lifeboat.domain.port.in.CreateBackupCommand;
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.ArchiveReader;
import dev.lifeboat.domain.spi.ArchiveWriter;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.DatabaseEngine;
import dev.lifeboat.domain.spi.DatabaseSummary;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.NewArchive;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.Recognition;
import dev.lifeboat.domain.spi.RepositoryLock;
import dev.lifeboat.domain.spi.ScratchSpace;
import dev.lifeboat.domain.spi.StoredArchive;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

class CreateBackupServiceTest {

    private static final DatabaseLocation SOURCE = DatabaseLocation.of("/data/shop.db");

    private final DatabaseEngine engine = mock(DatabaseEngine.class);
    private final ArchiveCodec codec = mock(ArchiveCodec.class);
    private final BackupRepository repository = mock(BackupRepository.class);
    private final RepositoryLock lock = mock(RepositoryLock.class);
    private final ScratchSpace scratch = mock(ScratchSpace.class);
    private final NewArchive archive = mock(NewArchive.class);
    private final ArchiveWriter writer = mock(ArchiveWriter.class);
    private final StoredArchive stored = mock(StoredArchive.class);
    private final Clock clock = Clock.fixed(Fixtures.NOW, ZoneOffset.UTC);
    private CreateBackupService service;

    @BeforeEach
    void wire() {
        when(engine.id()).thenReturn("sqlite");
        when(engine.recognize(SOURCE)).thenReturn(Recognition.recognized());
        when(engine.describe(SOURCE)).thenReturn(Fixtures.description(1_000));
        when(engine.summarize(SOURCE)).thenReturn(new DatabaseSummary("shop", 1_000, 1_000));
        when(engine.backup(any())).thenReturn(new EngineBackup(Fixtures.description(1_000), Fixtures.fingerprint(),
                List.of("a warning")));
        when(repository.location()).thenReturn("/backups");
        when(repository.lock(any(), anyString())).thenReturn(lock);
        when(lock.tookOverFrom()).thenReturn(Optional.empty());
        when(repository.removeLeftovers()).thenReturn(List.of());
        when(repository.usableSpace()).thenReturn(1_000_000L);
        when(repository.openScratch()).thenReturn(scratch);
        when(repository.delete(any(), any())).thenReturn(true);
        when(repository.create(any(), eq(lock))).thenReturn(archive);
        when(archive.output()).thenReturn(new ByteArrayOutputStream());
        when(codec.formatVersion()).thenReturn(1);
        when(codec.newWriter(any(), any(), eq(scratch))).thenReturn(writer);
        when(writer.completedParts()).thenReturn(List.of(Fixtures.part("database.sqlite")));
        when(writer.finish(any())).thenReturn("{\"manifest\": true}");
        when(archive.commit(anyString())).thenReturn(stored);
        when(stored.info()).thenReturn(Fixtures.archive("shop_2026-11-24T10-58-24Z.lifeboat.tar"));
        service = new CreateBackupService(new EngineRegistry(List.of(engine)), codec, repository, clock, "1.2.3");
    }

    @Test
    void locks_summarizes_checks_space_writes_commits_and_unlocks_in_that_order() {
        BackupReport report = service.backup(CreateBackupCommand.of(SOURCE), Progress.NONE);

        InOrder order = inOrder(repository, engine, writer, archive, lock);
        order.verify(repository).lock(Duration.ZERO, "backup of /data/shop.db");
        order.verify(engine).summarize(SOURCE);
        order.verify(repository).usableSpace();
        order.verify(repository).create(new BackupName("shop_2026-11-24T10-58-24Z.lifeboat.tar"), lock);
        order.verify(engine).backup(any(BackupJob.class));
        order.verify(writer).finish(any(Manifest.class));
        order.verify(archive).commit("{\"manifest\": true}");
        order.verify(archive).close();
        order.verify(lock).close();
        assertThat(report.archive().name().value()).isEqualTo("shop_2026-11-24T10-58-24Z.lifeboat.tar");
    }

    @Test
    void the_manifest_records_source_engine_fingerprint_options_and_parts() {
        service.backup(CreateBackupCommand.of(SOURCE).withLabel("nightly"), Progress.NONE);

        ArgumentCaptor<Manifest> manifest = ArgumentCaptor.forClass(Manifest.class);
        verify(writer).finish(manifest.capture());
        assertThat(manifest.getValue().toolVersion()).isEqualTo("1.2.3");
        assertThat(manifest.getValue().createdAt()).isEqualTo(Fixtures.NOW);
        assertThat(manifest.getValue().engineId()).isEqualTo("sqlite");
        assertThat(manifest.getValue().label()).contains("nightly");
        assertThat(manifest.getValue().fingerprint()).isEqualTo(Fixtures.fingerprint());
        assertThat(manifest.getValue().options()).containsEntry("compression", "zstd").containsEntry("compression-level", "3");
        assertThat(manifest.getValue().parts()).containsExactly(Fixtures.part("database.sqlite"));
        assertThat(manifest.getValue().warnings()).containsExactly("a warning");
        verify(repository).create(new BackupName("shop_nightly_2026-11-24T10-58-24Z.lifeboat.tar"), lock);
    }

    @Test
    void a_name_taken_in_the_same_second_gets_the_next_number() {
        when(repository.contains(new BackupName("shop_2026-11-24T10-58-24Z.lifeboat.tar"))).thenReturn(true);

        service.backup(CreateBackupCommand.of(SOURCE), Progress.NONE);

        verify(repository).create(new BackupName("shop_2026-11-24T10-58-24Z-2.lifeboat.tar"), lock);
    }

    @Test
    void an_engine_failure_aborts_the_archive_and_releases_the_lock() {
        when(engine.backup(any())).thenThrow(new UnavailableException("database went away"));

        assertThatThrownBy(() -> service.backup(CreateBackupCommand.of(SOURCE), Progress.NONE))
                .isInstanceOf(UnavailableException.class);

        verify(archive, never()).commit(anyString());
        verify(archive).close();
        verify(writer).close();
        verify(scratch).close();
        verify(lock).close();
    }

    @Test
    void a_failure_to_finish_the_archive_aborts_it_and_releases_the_lock() {
        doThrow(InsufficientSpaceException.whileWriting("disk full", null)).when(writer).finish(any());

        assertThatThrownBy(() -> service.backup(CreateBackupCommand.of(SOURCE), Progress.NONE))
                .isInstanceOf(InsufficientSpaceException.class);

        verify(archive, never()).commit(anyString());
        verify(archive).close();
        verify(lock).close();
    }

    @Test
    void a_failing_commit_still_closes_the_archive_and_releases_the_lock() {
        when(archive.commit(anyString())).thenThrow(new UnavailableException("rename failed"));

        assertThatThrownBy(() -> service.backup(CreateBackupCommand.of(SOURCE), Progress.NONE))
                .isInstanceOf(UnavailableException.class);

        verify(archive).close();
        verify(lock).close();
    }

    @Test
    void too_little_space_fails_before_anything_is_written_stating_both_numbers() {
        when(repository.usableSpace()).thenReturn(1_999L);

        assertThatThrownBy(() -> service.backup(CreateBackupCommand.of(SOURCE), Progress.NONE))
                .isInstanceOf(InsufficientSpaceException.class)
                .hasMessageContaining("2000 bytes required").hasMessageContaining("1999 bytes available");

        verify(repository, never()).create(any(), any());
        verify(engine, never()).backup(any());
        verify(lock).close();
    }

    @Test
    void a_database_that_cannot_be_summarized_releases_the_lock() {
        when(engine.summarize(SOURCE)).thenThrow(new UnavailableException("no such file"));

        assertThatThrownBy(() -> service.backup(CreateBackupCommand.of(SOURCE), Progress.NONE))
                .isInstanceOf(UnavailableException.class);

        verify(repository, never()).create(any(), any());
        verify(lock).close();
    }

    @Test
    void a_locked_repository_stops_the_backup_before_the_database_is_touched() {
        when(repository.lock(any(), anyString())).thenThrow(new LockedException("held by pid 1"));

        assertThatThrownBy(() -> service.backup(CreateBackupCommand.of(SOURCE), Progress.NONE))
                .isInstanceOf(LockedException.class);

        verify(engine, never()).summarize(any());
        verify(repository, never()).create(any(), any());
    }

    @Test
    void leftovers_and_a_taken_over_lock_are_reported() {
        when(repository.removeLeftovers()).thenReturn(List.of(".lifeboat-tmp-77-x-spool"));
        when(lock.tookOverFrom()).thenReturn(Optional.of(new LockHolder(77, "host", Fixtures.NOW, "backup of x")));

        BackupReport report = service.backup(CreateBackupCommand.of(SOURCE), Progress.NONE);

        assertThat(report.notices()).hasSize(2)
                .anySatisfy(notice -> assertThat(notice).contains("stale lock", "pid 77"))
                .anySatisfy(notice -> assertThat(notice).contains(".lifeboat-tmp-77-x-spool"));
    }

    @Test
    void a_backup_that_fails_its_verification_is_removed_and_reported_as_failed() {
        ArchiveReader reader = mock(ArchiveReader.class);
        when(stored.recordedSha256()).thenReturn(Optional.empty());
        when(stored.open()).thenReturn(mock(java.nio.channels.SeekableByteChannel.class));
        when(codec.open(any(), anyString())).thenReturn(reader);
        when(reader.manifest()).thenReturn(Fixtures.manifest("shop", Fixtures.NOW));
        when(engine.restoreToScratch(any())).thenThrow(new VerificationFailedException("table orders: expected 3 rows"));
        CreateBackupCommand command = new CreateBackupCommand(SOURCE, Optional.empty(), Optional.empty(),
                dev.lifeboat.domain.model.CompressionSettings.DEFAULT, Duration.ZERO, true, java.util.Map.of());

        assertThatThrownBy(() -> service.backup(command, Progress.NONE))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("was removed");
        verify(engine).restoreToScratch(any());

        InOrder order = inOrder(archive, repository, lock);
        order.verify(archive).commit(anyString());
        order.verify(repository).delete(new BackupName("shop_2026-11-24T10-58-24Z.lifeboat.tar"), lock);
        order.verify(lock).close();
    }

    @Test
    void a_backup_that_fails_verification_but_a_retention_period_keeps_says_not_to_restore_it() {
        ArchiveReader reader = mock(ArchiveReader.class);
        when(stored.recordedSha256()).thenReturn(Optional.empty());
        when(stored.open()).thenReturn(mock(java.nio.channels.SeekableByteChannel.class));
        when(codec.open(any(), anyString())).thenReturn(reader);
        when(reader.manifest()).thenReturn(Fixtures.manifest("shop", Fixtures.NOW));
        when(engine.restoreToScratch(any())).thenThrow(new VerificationFailedException("table orders: expected 3 rows"));
        when(repository.delete(any(), any())).thenReturn(false);
        CreateBackupCommand command = new CreateBackupCommand(SOURCE, Optional.empty(), Optional.empty(),
                dev.lifeboat.domain.model.CompressionSettings.DEFAULT, Duration.ZERO, true, java.util.Map.of());

        assertThatThrownBy(() -> service.backup(command, Progress.NONE))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("retention period keeps shop_2026-11-24T10-58-24Z.lifeboat.tar")
                .hasMessageContaining("do not restore it")
                .hasMessageNotContaining("was removed");
    }

    @Test
    void a_backup_never_counts_rows_before_it_starts() {
        service.backup(CreateBackupCommand.of(SOURCE), Progress.NONE);

        verify(engine, never()).describe(any());
    }

    @Test
    void a_backup_whose_verification_cannot_even_run_is_removed_too() {
        when(stored.recordedSha256()).thenThrow(new dev.lifeboat.domain.error.UnavailableException("repository gone"));
        CreateBackupCommand command = new CreateBackupCommand(SOURCE, Optional.empty(), Optional.empty(),
                dev.lifeboat.domain.model.CompressionSettings.DEFAULT, Duration.ZERO, true, java.util.Map.of());

        assertThatThrownBy(() -> service.backup(command, Progress.NONE)).isInstanceOf(UnavailableException.class);

        verify(repository).delete(new BackupName("shop_2026-11-24T10-58-24Z.lifeboat.tar"), lock);
        verify(lock).close();
    }

    @Test
    void a_plan_reports_name_and_space_and_writes_nothing() {
        BackupPlan plan = service.plan(CreateBackupCommand.of(SOURCE));

        assertThat(plan.archiveName().value()).isEqualTo("shop_2026-11-24T10-58-24Z.lifeboat.tar");
        assertThat(plan.requiredBytes()).as("the archive plus the engine's snapshot").isEqualTo(2_000);
        assertThat(plan.availableBytes()).isEqualTo(1_000_000);
        assertThat(plan.enoughSpace()).isTrue();
        verify(repository, never()).lock(any(), anyString());
        verify(repository, never()).create(any(), any());
        verify(engine, never()).backup(any());
    }
}
