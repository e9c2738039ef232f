package dev.lifeboat.domain.service;

import dev.lifeboat.domain.port.in.BackupListing;
import dev.lifeboat.domain.port.in.ListBackupsUseCase;
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.BackupRepository;
import java.util.List;
import java.util.Optional;

/** Lists a repository's backups, newest first, from their manifests alone. */
public final class ListBackupsService implements ListBackupsUseCase {

    private final ArchiveLookup lookup;
    private final Optional<VerificationRecords> records;

    public ListBackupsService(ArchiveCodec codec, BackupRepository repository) {
        this(codec, repository, Optional.empty());
    }

    /** @param records where each archive's last verification is read from */
    public ListBackupsService(ArchiveCodec codec, BackupRepository repository, VerificationRecords records) {
        this(codec, repository, Optional.of(records));
    }

    private ListBackupsService(ArchiveCodec codec, BackupRepository repository,
                               Optional<VerificationRecords> records) {
        this.lookup = new ArchiveLookup(repository, codec);
        this.records = records;
    }

    /** Each with its last verification when this service reads records (one small read per verified archive). */
    @Override
    public List<BackupListing> list(Optional<String> database) {
        return records.map(known -> lookup.listing(database, known::last)).orElseGet(() -> lookup.listing(database));
    }
}
