package dev.lifeboat.domain.service;

import dev.lifeboat.domain.port.in.BackupListing;
import dev.lifeboat.domain.port.in.ListBackupsUseCase;
import dev.lifeboat.domain.port.out.ArchiveCodec;
import dev.lifeboat.domain.port.out.BackupRepository;
import java.util.List;
import java.util.Optional;

/** Lists a repository's backups, newest first, from their manifests alone. */
public final class ListBackupsService implements ListBackupsUseCase {

    private final ArchiveLookup lookup;

    public ListBackupsService(ArchiveCodec codec, BackupRepository repository) {
        this.lookup = new ArchiveLookup(repository, codec);
    }

    @Override
    public List<BackupListing> list(Optional<String> database) {
        return lookup.listing(database);
    }
}
