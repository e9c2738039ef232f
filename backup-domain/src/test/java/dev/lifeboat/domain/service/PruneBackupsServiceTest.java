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

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.policy.GroupField;
import dev.lifeboat.domain.policy.RetentionDecision;
import dev.lifeboat.domain.policy.RetentionPolicy;
import dev.lifeboat.domain.port.in.PruneCommand;
import dev.lifeboat.domain.port.in.PruneReport;
import dev.lifeboat.domain.port.in.PrunedGroup;
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.ArchiveReader;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.RepositoryLock;
import dev.lifeboat.domain.spi.StoredArchive;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class PruneBackupsServiceTest {

    private static final RetentionPolicy LAST_ONE = new RetentionPolicy(1, 0, 0, 0, 0, 0, Optional.empty());

    private final ArchiveCodec codec = mock(ArchiveCodec.class);
    private final BackupRepository repository = mock(BackupRepository.class);
    private final RepositoryLock lock = mock(RepositoryLock.class);
    private final List<StoredArchive> archives = new ArrayList<>();

    @BeforeEach
    void wire() {
        when(repository.list()).thenReturn(archives);
        when(repository.location()).thenReturn("/backups");
        when(repository.lock(any(), anyString())).thenReturn(lock);
        when(repository.removeLeftovers()).thenReturn(List.of(".lifeboat-tmp-9.abc-x-spool"));
        when(repository.delete(any(), any())).thenReturn(true);
    }

    @Test
    void each_group_keeps_its_own_newest_and_the_rest_are_deleted_under_the_lock() {
        add("shop_a", "shop", Optional.empty(), "2026-01-01T00:00:00Z");
        add("shop_b", "shop", Optional.empty(), "2026-01-02T00:00:00Z");
        add("shop_nightly_c", "shop", Optional.of("nightly"), "2026-01-01T00:00:00Z");
        add("blog_d", "blog", Optional.empty(), "2025-01-01T00:00:00Z");

        PruneReport report = prune(LAST_ONE, GroupField.DEFAULT, false);

        assertThat(report.groups()).hasSize(3);
        assertThat(report.removedCount()).isEqualTo(1);
        InOrder order = inOrder(repository, lock);
        order.verify(repository).lock(Duration.ZERO, "prune");
        order.verify(repository).removeLeftovers();
        order.verify(repository).delete(new BackupName("shop_a.lifeboat.tar"), lock);
        order.verify(lock).close();
        verify(repository, never()).delete(eq(new BackupName("shop_nightly_c.lifeboat.tar")), any());
        assertThat(report.leftovers()).containsExactly(".lifeboat-tmp-9.abc-x-spool");
    }

    @Test
    void grouping_by_database_only_puts_labels_together() {
        add("shop_a", "shop", Optional.empty(), "2026-01-01T00:00:00Z");
        add("shop_nightly_c", "shop", Optional.of("nightly"), "2026-01-02T00:00:00Z");

        PruneReport report = prune(LAST_ONE, Set.of(GroupField.DATABASE), false);

        assertThat(report.groups()).singleElement().satisfies(group ->
                assertThat(group.key()).isEqualTo(Map.of("database", "shop")));
        verify(repository).delete(new BackupName("shop_a.lifeboat.tar"), lock);
    }

    @Test
    void a_restores_safety_backups_stay_a_group_of_their_own_when_labels_are_not_grouped() {
        add("shop_pre-restore_a", "shop", Optional.of("pre-restore"), "2026-01-01T00:00:00Z");
        add("shop_b", "shop", Optional.empty(), "2026-01-02T00:00:00Z");
        add("shop_c", "shop", Optional.empty(), "2026-01-03T00:00:00Z");

        PruneReport report = prune(LAST_ONE, Set.of(GroupField.DATABASE), false);

        assertThat(report.groups()).extracting(PrunedGroup::key).containsExactlyInAnyOrder(
                Map.of("database", "shop"), Map.of("database", "shop", "label", "pre-restore"));
        verify(repository).delete(new BackupName("shop_b.lifeboat.tar"), lock);
        verify(repository, never()).delete(eq(new BackupName("shop_pre-restore_a.lifeboat.tar")), any());
    }

    @Test
    void a_dry_run_decides_the_same_and_deletes_nothing_without_taking_the_lock() {
        add("shop_a", "shop", Optional.empty(), "2026-01-01T00:00:00Z");
        add("shop_b", "shop", Optional.empty(), "2026-01-02T00:00:00Z");

        PruneReport report = prune(LAST_ONE, GroupField.DEFAULT, true);

        assertThat(report.dryRun()).isTrue();
        assertThat(report.groups().get(0).removed()).extracting(RetentionDecision::name)
                .containsExactly("shop_a.lifeboat.tar");
        verify(repository, never()).lock(any(), anyString());
        verify(repository, never()).delete(any(), any());
        verify(repository, never()).removeLeftovers();
    }

    @Test
    void an_unreadable_archive_is_never_removed_but_reported() {
        add("shop_a", "shop", Optional.empty(), "2026-01-01T00:00:00Z");
        StoredArchive broken = archive("shop_broken");
        when(codec.open(any(), eq("shop_broken.lifeboat.tar"))).thenThrow(new VerificationFailedException("truncated"));

        PruneReport report = prune(LAST_ONE, GroupField.DEFAULT, false);

        assertThat(report.unreadable()).extracting(info -> info.name().value()).containsExactly("shop_broken.lifeboat.tar");
        verify(repository, never()).delete(eq(broken.info().name()), any());
    }

    @Test
    void only_the_group_of_one_archive_can_be_pruned() {
        add("shop_a", "shop", Optional.empty(), "2026-01-01T00:00:00Z");
        add("shop_b", "shop", Optional.empty(), "2026-01-02T00:00:00Z");
        add("blog_c", "blog", Optional.empty(), "2025-01-01T00:00:00Z");
        add("blog_d", "blog", Optional.empty(), "2025-01-02T00:00:00Z");

        PruneReport report = new PruneBackupsService(codec, repository).prune(new PruneCommand(LAST_ONE,
                GroupField.DEFAULT, Optional.of("blog_d.lifeboat.tar"), false, Duration.ZERO));

        assertThat(report.groups()).extracting(PrunedGroup::key)
                .containsExactly(new TreeMap<>(Map.of("database", "blog", "engine", "sqlite", "label", "")));
        verify(repository).delete(new BackupName("blog_c.lifeboat.tar"), lock);
        verify(repository, never()).delete(eq(new BackupName("shop_a.lifeboat.tar")), any());
    }

    @Test
    void an_archive_a_retention_period_keeps_is_reported_as_retained_and_the_rest_still_go() {
        add("shop_a", "shop", Optional.empty(), "2026-01-01T00:00:00Z");
        add("shop_b", "shop", Optional.empty(), "2026-01-02T00:00:00Z");
        add("shop_c", "shop", Optional.empty(), "2026-01-03T00:00:00Z");
        when(repository.delete(new BackupName("shop_b.lifeboat.tar"), lock)).thenReturn(false);

        PruneReport report = prune(LAST_ONE, GroupField.DEFAULT, false);

        verify(repository).delete(new BackupName("shop_a.lifeboat.tar"), lock);
        verify(repository).delete(new BackupName("shop_b.lifeboat.tar"), lock);
        assertThat(report.retained()).containsExactly("shop_b.lifeboat.tar");
        assertThat(report.isRetained("shop_b.lifeboat.tar")).isTrue();
        assertThat(report.isRetained("shop_a.lifeboat.tar")).isFalse();
        assertThat(report.removedCount()).isEqualTo(1);
        assertThat(report.keptCount()).isEqualTo(1);
        verify(lock).close();
    }

    @Test
    void a_repository_locked_by_another_run_is_left_alone() {
        add("shop_a", "shop", Optional.empty(), "2026-01-01T00:00:00Z");
        add("shop_b", "shop", Optional.empty(), "2026-01-02T00:00:00Z");
        when(repository.lock(any(), anyString())).thenThrow(new LockedException("held by backup (pid 7)"));

        assertThatThrownBy(() -> prune(LAST_ONE, GroupField.DEFAULT, false)).isInstanceOf(LockedException.class);

        verify(repository, never()).delete(any(), any());
    }

    @Test
    void a_policy_that_keeps_nothing_is_refused_before_anything_happens() {
        assertThatThrownBy(() -> new PruneCommand(RetentionPolicy.none(), GroupField.DEFAULT, Optional.empty(), false,
                Duration.ZERO)).isInstanceOf(InvalidUsageException.class).hasMessageContaining("--keep");
    }

    private PruneReport prune(RetentionPolicy policy, Set<GroupField> groupBy, boolean dryRun) {
        return new PruneBackupsService(codec, repository).prune(new PruneCommand(policy, groupBy, Optional.empty(),
                dryRun, Duration.ZERO));
    }

    private void add(String name, String database, Optional<String> label, String createdAt) {
        archive(name);
        Manifest base = Fixtures.manifest(database, Instant.parse(createdAt));
        Manifest manifest = new Manifest(1, "test", base.createdAt(), "sqlite", "3", base.source(), label,
                base.fingerprint(), new TreeMap<>(), base.parts(), List.of());
        ArchiveReader reader = mock(ArchiveReader.class);
        when(reader.manifest()).thenReturn(manifest);
        when(codec.open(any(), eq(name + ".lifeboat.tar"))).thenReturn(reader);
    }

    private StoredArchive archive(String name) {
        StoredArchive archive = mock(StoredArchive.class);
        when(archive.info()).thenReturn(Fixtures.archive(name + ".lifeboat.tar"));
        archives.add(archive);
        return archive;
    }
}
