package dev.lifeboat.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.port.in.BackupListing;
import dev.lifeboat.domain.port.in.BackupReference;
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.ArchiveReader;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.StoredArchive;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListBackupsServiceTest {

    private final ArchiveCodec codec = mock(ArchiveCodec.class);
    private final BackupRepository repository = mock(BackupRepository.class);
    private final List<StoredArchive> archives = new ArrayList<>();

    @BeforeEach
    void wire() {
        when(repository.list()).thenReturn(archives);
        when(repository.location()).thenReturn("/backups");
    }

    @Test
    void lists_newest_first_by_the_time_in_the_manifest() {
        add("shop_a.lifeboat.tar", "shop", "2026-01-02T00:00:00Z");
        add("shop_b.lifeboat.tar", "shop", "2026-03-01T00:00:00Z");
        add("blog_c.lifeboat.tar", "blog", "2026-02-01T00:00:00Z");

        List<BackupListing> listing = new ListBackupsService(codec, repository).list(Optional.empty());

        assertThat(listing).extracting(entry -> entry.archive().name().value())
                .containsExactly("shop_b.lifeboat.tar", "blog_c.lifeboat.tar", "shop_a.lifeboat.tar");
    }

    @Test
    void filters_by_database_and_shows_unreadable_archives_with_their_problem() {
        add("shop_a.lifeboat.tar", "shop", "2026-01-02T00:00:00Z");
        add("blog_c.lifeboat.tar", "blog", "2026-02-01T00:00:00Z");
        StoredArchive broken = archive("broken.lifeboat.tar");
        when(codec.open(any(), eq("broken.lifeboat.tar"))).thenThrow(new VerificationFailedException("truncated"));

        ListBackupsService service = new ListBackupsService(codec, repository);

        assertThat(service.list(Optional.of("blog"))).extracting(entry -> entry.archive().name().value())
                .containsExactly("blog_c.lifeboat.tar");
        assertThat(service.list(Optional.empty())).filteredOn(entry -> entry.manifest().isEmpty())
                .singleElement().satisfies(entry -> assertThat(entry.problem()).contains("truncated"));
        assertThat(broken.info().name().value()).isEqualTo("broken.lifeboat.tar");
    }

    @Test
    void latest_resolves_to_the_newest_readable_backup_of_a_database() {
        add("shop_a.lifeboat.tar", "shop", "2026-01-02T00:00:00Z");
        StoredArchive newestShop = add("shop_b.lifeboat.tar", "shop", "2026-03-01T00:00:00Z");
        add("blog_c.lifeboat.tar", "blog", "2026-04-01T00:00:00Z");
        ArchiveLookup lookup = new ArchiveLookup(repository, codec);

        assertThat(lookup.resolve(BackupReference.parse("latest:shop"))).isSameAs(newestShop);
        assertThatThrownBy(() -> lookup.resolve(BackupReference.parse("latest:nothing")))
                .isInstanceOf(UnavailableException.class).hasMessageContaining("no backup of nothing");
    }

    @Test
    void latest_never_means_a_safety_backup_taken_by_a_restore() {
        StoredArchive regular = add("shop_a.lifeboat.tar", "shop", "2026-01-02T00:00:00Z");
        StoredArchive safety = add("shop_pre-restore_b.lifeboat.tar", "shop", "2026-03-01T00:00:00Z");
        ArchiveReader reader = mock(ArchiveReader.class);
        dev.lifeboat.domain.model.Manifest base = Fixtures.manifest("shop", Instant.parse("2026-03-01T00:00:00Z"));
        when(reader.manifest()).thenReturn(new dev.lifeboat.domain.model.Manifest(1, "test", base.createdAt(), "sqlite",
                "3", base.source(), Optional.of("pre-restore"), base.fingerprint(), new java.util.TreeMap<>(), base.parts(),
                List.of()));
        when(codec.open(any(), eq("shop_pre-restore_b.lifeboat.tar"))).thenReturn(reader);

        assertThat(new ArchiveLookup(repository, codec).resolve(BackupReference.parse("latest:shop"))).isSameAs(regular);
        assertThat(safety.info().name().value()).contains("pre-restore");
    }

    @Test
    void latest_fails_when_the_newest_backup_is_unreadable_instead_of_taking_an_older_one() {
        add("shop_a.lifeboat.tar", "shop", "2026-01-02T00:00:00Z");
        archive("shop_b.lifeboat.tar");
        when(codec.open(any(), eq("shop_b.lifeboat.tar"))).thenThrow(new VerificationFailedException("truncated"));

        assertThatThrownBy(() -> new ArchiveLookup(repository, codec).resolve(BackupReference.parse("latest:shop")))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("shop_b.lifeboat.tar").hasMessageContaining("unreadable");
    }

    /** A copy or a restore from tape sets a file's time to anything: a damaged newest archive still sorts first. */
    @Test
    void an_unreadable_archive_counts_from_the_time_in_its_name_not_its_file_time() {
        add("shop_2026-01-02T00-00-00Z.lifeboat.tar", "shop", "2026-01-02T00:00:00Z");
        StoredArchive damaged = mock(StoredArchive.class);
        when(damaged.info()).thenReturn(new dev.lifeboat.domain.model.ArchiveInfo(
                new BackupName("shop_2026-03-01T00-00-00Z.lifeboat.tar"), "/backups/x", 1000,
                Instant.parse("2025-06-01T00:00:00Z")));
        archives.add(damaged);
        when(codec.open(any(), eq("shop_2026-03-01T00-00-00Z.lifeboat.tar")))
                .thenThrow(new VerificationFailedException("truncated"));

        assertThatThrownBy(() -> new ArchiveLookup(repository, codec).resolve(BackupReference.parse("latest:shop")))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("shop_2026-03-01T00-00-00Z.lifeboat.tar").hasMessageContaining("unreadable");
    }

    /** An encrypted archive is picked by its name, which cannot tell shop labelled archive from shop_archive. */
    @Test
    void an_archive_picked_as_latest_of_a_database_by_its_name_must_be_that_databases_by_its_manifest() {
        StoredArchive picked = archive("shop_archive_2026-01-13T00-00-00Z.lifeboat.tar.age");

        assertThatThrownBy(() -> ArchiveLookup.requireOf(BackupReference.parse("latest:shop"), picked,
                Fixtures.manifest("shop_archive", Instant.parse("2026-01-13T00:00:00Z"))))
                .isInstanceOf(dev.lifeboat.domain.error.InvalidUsageException.class)
                .hasMessageContaining("a backup of shop_archive, not of shop");
        ArchiveLookup.requireOf(BackupReference.parse("latest:shop_archive"), picked,
                Fixtures.manifest("shop_archive", Instant.parse("2026-01-13T00:00:00Z")));
        ArchiveLookup.requireOf(BackupReference.parse("latest"), picked,
                Fixtures.manifest("shop_archive", Instant.parse("2026-01-13T00:00:00Z")));
        assertThatThrownBy(() -> ArchiveLookup.requireOf(BackupReference.parse(picked.info().name().value()),
                picked, Fixtures.manifest("blog", Instant.parse("2026-01-13T00:00:00Z"))))
                .as("another archive copied over its name").isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("not what its name says");
    }

    @Test
    void a_name_may_be_given_without_its_suffix() {
        StoredArchive archive = add("shop_a.lifeboat.tar", "shop", "2026-01-02T00:00:00Z");

        assertThat(new ArchiveLookup(repository, codec).resolve(BackupReference.parse("shop_a"))).isSameAs(archive);
        assertThatThrownBy(() -> new ArchiveLookup(repository, codec).resolve(BackupReference.parse("nope")))
                .isInstanceOf(UnavailableException.class).hasMessageContaining("lifeboat list");
        assertThatThrownBy(() -> new ArchiveLookup(repository, codec).resolve(BackupReference.parse("no such name")))
                .isInstanceOf(dev.lifeboat.domain.error.InvalidUsageException.class);
    }

    private StoredArchive add(String name, String database, String createdAt) {
        StoredArchive archive = archive(name);
        ArchiveReader reader = mock(ArchiveReader.class);
        when(reader.manifest()).thenReturn(Fixtures.manifest(database, Instant.parse(createdAt)));
        when(codec.open(any(), eq(name))).thenReturn(reader);
        return archive;
    }

    private StoredArchive archive(String name) {
        StoredArchive archive = mock(StoredArchive.class);
        when(archive.info()).thenReturn(Fixtures.archive(name));
        when(repository.find(new BackupName(name))).thenReturn(Optional.of(archive));
        archives.add(archive);
        return archive;
    }
}
