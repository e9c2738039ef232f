package dev.lifeboat.domain.service;

import dev.lifeboat.domain.port.in.BackupReference;
import dev.lifeboat.domain.port.in.InspectBackupUseCase;
import dev.lifeboat.domain.port.in.Inspection;
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.ArchiveReader;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.StoredArchive;

/** Reads an archive's manifest. */
public final class InspectBackupService implements InspectBackupUseCase {

    private final ArchiveLookup lookup;

    public InspectBackupService(ArchiveCodec codec, BackupRepository repository) {
        this(codec, repository, ArchiveKeys.NONE);
    }

    /** @param keys for encrypted archives, which are decrypted to be inspected */
    public InspectBackupService(ArchiveCodec codec, BackupRepository repository, ArchiveKeys keys) {
        this.lookup = new ArchiveLookup(repository, codec, keys);
    }

    @Override
    public Inspection inspect(BackupReference backup) {
        StoredArchive archive = lookup.resolve(backup);
        try (ArchiveReader reader = lookup.open(archive)) {
            return new Inspection(archive.info(), reader.manifest(), reader.manifestDocument());
        }
    }
}
