package dev.lifeboat.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lifeboat.domain.error.ExitStatus;
import dev.lifeboat.domain.error.InsufficientSpaceException;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.spi.Sha256;
import dev.lifeboat.domain.model.ArchiveInfo;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.port.in.ArchiveCopy;
import dev.lifeboat.domain.port.in.ArchiveCopy.Outcome;
import dev.lifeboat.domain.port.in.BackupReference;
import dev.lifeboat.domain.port.in.CopyBackupsCommand;
import dev.lifeboat.domain.port.in.CopyReport;
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.ArchiveReader;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.NewArchive;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RepositoryLock;
import dev.lifeboat.domain.spi.StoredArchive;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class CopyBackupsServiceTest {

    private static final String OLD = "shop_2026-01-01T00-00-00Z.lifeboat.tar";
    private static final String NEW = "shop_2026-01-02T00-00-00Z.lifeboat.tar";

    private final ArchiveCodec codec = mock(ArchiveCodec.class);
    private final BackupRepository source = mock(BackupRepository.class);
    private final BackupRepository target = mock(BackupRepository.class);
    private final RepositoryLock lock = mock(RepositoryLock.class);
    private final List<StoredArchive> sourceArchives = new ArrayList<>();
    private final Map<String, WrittenArchive> written = new LinkedHashMap<>();

    @BeforeEach
    void wire() {
        when(source.location()).thenReturn("/local");
        when(source.list()).thenReturn(sourceArchives);
        when(target.location()).thenReturn("s3://bucket/offsite");
        when(target.lock(any(), anyString())).thenReturn(lock);
        when(target.find(any())).thenReturn(Optional.empty());
        when(target.removeLeftovers()).thenReturn(List.of(".lifeboat-tmp-7.x-archive"));
        when(target.usableSpace()).thenReturn(Long.MAX_VALUE);
        when(target.create(any(), eq(lock))).thenAnswer(invocation -> {
            WrittenArchive archive = new WrittenArchive(invocation.getArgument(0));
            written.put(archive.name.value(), archive);
            return archive;
        });
        when(target.delete(any(), any())).thenReturn(true);
    }

    @Test
    void every_archive_is_streamed_oldest_first_with_the_manifest_as_written_and_the_target_locked_meanwhile() {
        // the source lists the newer one first: the order comes from the manifests' creation times
        StoredArchive newer = add(NEW, "2026-01-02T00:00:00Z", "newer bytes");
        StoredArchive older = add(OLD, "2026-01-01T00:00:00Z", "older bytes");

        CopyReport report = copyAll();

        assertThat(report.archives()).extracting(copy -> copy.name().value() + " " + copy.outcome())
                .containsExactly(OLD + " COPIED", NEW + " COPIED");
        assertThat(written.get(OLD).bytes()).isEqualTo("older bytes");
        assertThat(written.get(NEW).bytes()).isEqualTo("newer bytes");
        assertThat(written.get(OLD).committedManifest).isEqualTo("{\"manifest of\": \"" + OLD + "\"}");
        assertThat(report.archives().get(0).sha256()).contains(sha256("older bytes"));
        assertThat(report.copiedBytes()).isEqualTo(older.info().sizeBytes() + newer.info().sizeBytes());
        assertThat(report.failure()).isEmpty();
        assertThat(report.notices()).containsExactly("removed .lifeboat-tmp-7.x-archive, left by an interrupted run");
        InOrder order = inOrder(target, lock);
        order.verify(target).lock(Duration.ofSeconds(5), "copy from /local");
        order.verify(target).removeLeftovers();
        order.verify(target).create(new BackupName(OLD), lock);
        order.verify(target).create(new BackupName(NEW), lock);
        order.verify(lock).close();
    }

    @Test
    void an_archive_the_target_has_with_the_same_sha256_is_skipped() {
        add(OLD, "2026-01-01T00:00:00Z", "older bytes");
        targetHas(OLD, Optional.of(sha256("older bytes")));

        CopyReport report = copyAll();

        assertThat(report.archives()).singleElement().satisfies(copy -> {
            assertThat(copy.outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(copy.detail()).contains("same SHA-256");
        });
        verify(target, never()).create(any(), any());
        assertThat(report.failure()).isEmpty();
    }

    @Test
    void other_bytes_under_the_name_are_refused_and_the_rest_still_copied() {
        add(OLD, "2026-01-01T00:00:00Z", "older bytes");
        add(NEW, "2026-01-02T00:00:00Z", "newer bytes");
        targetHas(OLD, Optional.of(sha256("something else")));

        CopyReport report = copyAll();

        assertThat(report.archives()).extracting(ArchiveCopy::outcome).containsExactly(Outcome.REFUSED, Outcome.COPIED);
        assertThat(report.archives().get(0).detail()).contains("other bytes under this name",
                sha256("something else"), sha256("older bytes"));
        assertThat(written).containsOnlyKeys(NEW);
        assertThat(report.failure()).contains(ExitStatus.REFUSED);
    }

    @Test
    void a_target_archive_with_a_damaged_or_missing_sidecar_is_never_replaced() {
        add(OLD, "2026-01-01T00:00:00Z", "older bytes");
        add(NEW, "2026-01-02T00:00:00Z", "newer bytes");
        StoredArchive damaged = targetHas(OLD, Optional.empty());
        when(damaged.recordedSha256()).thenThrow(new VerificationFailedException("not a sha256sum line"));
        targetHas(NEW, Optional.empty());

        CopyReport report = copyAll();

        assertThat(report.archives()).extracting(ArchiveCopy::outcome).containsExactly(Outcome.REFUSED, Outcome.REFUSED);
        assertThat(report.archives().get(0).detail()).contains("damaged", "not a sha256sum line");
        assertThat(report.archives().get(1).detail()).contains("without a checksum file");
        verify(target, never()).create(any(), any());
    }

    @Test
    void something_that_is_not_an_archive_under_the_name_is_refused() {
        add(OLD, "2026-01-01T00:00:00Z", "older bytes");
        when(target.contains(new BackupName(OLD))).thenReturn(true);

        assertThat(copyAll().archives()).singleElement().extracting(ArchiveCopy::outcome).isEqualTo(Outcome.REFUSED);
        verify(target, never()).create(any(), any());
    }

    @Test
    void a_source_archive_without_a_sidecar_fails_on_its_own_and_nothing_is_written_for_it() {
        StoredArchive bare = add(OLD, "2026-01-01T00:00:00Z", "older bytes");
        when(bare.recordedSha256()).thenReturn(Optional.empty());
        add(NEW, "2026-01-02T00:00:00Z", "newer bytes");

        CopyReport report = copyAll();

        assertThat(report.archives()).extracting(ArchiveCopy::outcome).containsExactly(Outcome.FAILED, Outcome.COPIED);
        assertThat(report.archives().get(0).status()).isEqualTo(ExitStatus.VERIFICATION_FAILED);
        assertThat(report.archives().get(0).detail()).contains("no checksum file", OLD + ".sha256");
        assertThat(written).containsOnlyKeys(NEW);
        assertThat(report.failure()).contains(ExitStatus.VERIFICATION_FAILED);
    }

    @Test
    void bytes_that_do_not_hash_to_the_recorded_sha256_are_never_committed() {
        StoredArchive damaged = add(OLD, "2026-01-01T00:00:00Z", "older bytes");
        when(damaged.recordedSha256()).thenReturn(Optional.of(sha256("the bytes it had")));
        add(NEW, "2026-01-02T00:00:00Z", "newer bytes");
        targetHas(NEW, Optional.of(sha256("other")));

        CopyReport report = copyAll();

        assertThat(report.archives()).extracting(ArchiveCopy::outcome).containsExactly(Outcome.FAILED, Outcome.REFUSED);
        assertThat(report.archives().get(0).detail()).contains(sha256("older bytes"), sha256("the bytes it had"),
                "nothing was copied");
        assertThat(written.get(OLD).committedManifest).isNull();
        assertThat(written.get(OLD).closed).isTrue();
        // the first failure decides the exit status: a damaged archive weighs more than a refusal
        assertThat(report.failure()).contains(ExitStatus.VERIFICATION_FAILED);
    }

    @Test
    void an_archive_whose_manifest_cannot_be_read_fails_before_anything_is_written() {
        add(OLD, "2026-01-01T00:00:00Z", "older bytes");
        when(codec.open(any(), eq(OLD))).thenThrow(new VerificationFailedException("truncated"));

        CopyReport report = copyAll();

        assertThat(report.archives()).singleElement().satisfies(copy -> {
            assertThat(copy.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(copy.detail()).isEqualTo("truncated");
        });
        verify(target, never()).create(any(), any());
    }

    @Test
    void a_target_that_records_another_sha256_after_the_commit_loses_the_archive_again() {
        add(OLD, "2026-01-01T00:00:00Z", "older bytes");
        when(target.create(any(), eq(lock))).thenAnswer(invocation -> {
            WrittenArchive archive = new WrittenArchive(invocation.getArgument(0));
            archive.recordedOverride = Optional.of(sha256("garbled"));
            written.put(archive.name.value(), archive);
            return archive;
        });

        CopyReport report = copyAll();

        assertThat(report.archives()).singleElement().satisfies(copy -> {
            assertThat(copy.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(copy.detail()).contains("the target recorded SHA-256 " + sha256("garbled"), "removed");
        });
        verify(target).delete(new BackupName(OLD), lock);
    }

    @Test
    void a_dry_run_decides_without_the_lock_and_writes_nothing() {
        add(OLD, "2026-01-01T00:00:00Z", "older bytes");
        add(NEW, "2026-01-02T00:00:00Z", "newer bytes");
        targetHas(OLD, Optional.of(sha256("older bytes")));

        CopyReport report = new CopyBackupsService(codec, source, target).copy(
                CopyBackupsCommand.all(true, Duration.ZERO), Progress.NONE);

        assertThat(report.dryRun()).isTrue();
        assertThat(report.archives()).extracting(ArchiveCopy::outcome).containsExactly(Outcome.SKIPPED, Outcome.COPIED);
        verify(target, never()).lock(any(), anyString());
        verify(target, never()).removeLeftovers();
        verify(target, never()).create(any(), any());
    }

    @Test
    void one_backup_is_named_as_other_commands_name_it() {
        add(OLD, "2026-01-01T00:00:00Z", "older bytes");
        add(NEW, "2026-01-02T00:00:00Z", "newer bytes");

        CopyReport latest = new CopyBackupsService(codec, source, target).copy(
                CopyBackupsCommand.one(BackupReference.parse("latest:shop"), false, Duration.ZERO), Progress.NONE);

        assertThat(latest.archives()).extracting(copy -> copy.name().value()).containsExactly(NEW);
        assertThat(written).containsOnlyKeys(NEW);
    }

    @Test
    void a_target_without_room_for_the_archive_stops_before_writing() {
        add(OLD, "2026-01-01T00:00:00Z", "older bytes");
        when(target.usableSpace()).thenReturn(3L);

        assertThatThrownBy(this::copyAll).isInstanceOf(InsufficientSpaceException.class)
                .hasMessageContaining("s3://bucket/offsite");
        verify(target, never()).create(any(), any());
        verify(lock).close();
    }

    @Test
    void copying_a_repository_onto_itself_is_a_usage_error() {
        when(target.location()).thenReturn("/local");

        assertThatThrownBy(this::copyAll).isInstanceOf(InvalidUsageException.class).hasMessageContaining("same repository");
        verify(target, never()).lock(any(), anyString());
    }

    private CopyReport copyAll() {
        return new CopyBackupsService(codec, source, target).copy(CopyBackupsCommand.all(false, Duration.ofSeconds(5)),
                Progress.NONE);
    }

    private StoredArchive add(String name, String createdAt, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        StoredArchive archive = mock(StoredArchive.class);
        when(archive.info()).thenReturn(new ArchiveInfo(new BackupName(name), "/local/" + name, bytes.length,
                Instant.parse(createdAt)));
        when(archive.open()).thenAnswer(invocation -> Fixtures.channelOver(bytes));
        when(archive.recordedSha256()).thenReturn(Optional.of(sha256(content)));
        when(archive.manifestCopy()).thenReturn(Optional.empty());
        sourceArchives.add(archive);
        when(source.find(new BackupName(name))).thenReturn(Optional.of(archive));
        ArchiveReader reader = mock(ArchiveReader.class);
        when(reader.manifest()).thenReturn(Fixtures.manifest("shop", Instant.parse(createdAt)));
        when(reader.manifestDocument()).thenReturn("{\"manifest of\": \"" + name + "\"}");
        when(codec.open(any(), eq(name))).thenReturn(reader);
        return archive;
    }

    private StoredArchive targetHas(String name, Optional<String> recordedSha256) {
        StoredArchive archive = mock(StoredArchive.class);
        when(archive.recordedSha256()).thenReturn(recordedSha256);
        when(target.find(new BackupName(name))).thenReturn(Optional.of(archive));
        when(target.contains(new BackupName(name))).thenReturn(true);
        return archive;
    }

    private static String sha256(String content) {
        return Sha256.hex(content);
    }

    /** An archive being written into the target: keeps its bytes, and its manifest when committed. */
    private static final class WrittenArchive implements NewArchive {

        private final BackupName name;
        private final ByteArrayOutputStream output = new ByteArrayOutputStream();
        private String committedManifest;
        private boolean closed;
        private Optional<String> recordedOverride = Optional.empty();

        WrittenArchive(BackupName name) {
            this.name = name;
        }

        String bytes() {
            return output.toString(StandardCharsets.UTF_8);
        }

        @Override
        public BackupName name() {
            return name;
        }

        @Override
        public OutputStream output() {
            return output;
        }

        @Override
        public StoredArchive commit(Optional<String> manifestDocument) {
            committedManifest = manifestDocument.orElseThrow();
            StoredArchive stored = mock(StoredArchive.class);
            when(stored.recordedSha256()).thenReturn(recordedOverride.or(() -> Optional.of(Sha256.hex(bytes()))));
            return stored;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
