package org.example.library;

import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.port.in.BackupReference;
import dev.lifeboat.domain.port.in.CreateBackupCommand;
import dev.lifeboat.domain.port.in.CreateBackupUseCase;
import dev.lifeboat.domain.port.in.RestoreBackupCommand;
import dev.lifeboat.domain.port.in.RestoreBackupUseCase;
import dev.lifeboat.domain.port.in.RestoreReport;
import dev.lifeboat.domain.service.CreateBackupService;
import dev.lifeboat.domain.service.EngineRegistry;
import dev.lifeboat.domain.service.RestoreBackupService;
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.BackupRepositoryProvider;
import dev.lifeboat.domain.spi.DatabaseEngine;
import dev.lifeboat.domain.spi.Progress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * lifeboat's backup and restore, composed once for one repository directory. The adapters (the SQLite engine, the
 * archive format, the directory repository) are found on the class path with {@link ServiceLoader}, as lifeboat's
 * own command line finds them: this program names none of their classes.
 */
final class Backups {

    /** Recorded in each archive's manifest as the tool that wrote it. */
    private static final String TOOL = "lifeboat-library-example 1.0.0";

    private final CreateBackupUseCase backups;
    private final RestoreBackupUseCase restores;

    private Backups(CreateBackupUseCase backups, RestoreBackupUseCase restores) {
        this.backups = backups;
        this.restores = restores;
    }

    /** Backups kept in a directory, created when missing. */
    static Backups inDirectory(Path directory) {
        EngineRegistry engines = new EngineRegistry(all(DatabaseEngine.class));
        ArchiveCodec codec = all(ArchiveCodec.class).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no archive codec on the class path"));
        BackupRepository repository = all(BackupRepositoryProvider.class).stream()
                .filter(provider -> provider.accepts(directory.toString()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no repository provider for " + directory))
                .open(directory.toString(), true);
        Clock clock = Clock.systemUTC();
        return new Backups(new CreateBackupService(engines, codec, repository, clock, TOOL),
                new RestoreBackupService(engines, codec, repository, repository, clock, TOOL));
    }

    /** Backs up a database under a label; returns the archive's name. */
    BackupName backUp(Path database, String label) {
        CreateBackupCommand command = CreateBackupCommand.of(DatabaseLocation.of(database.toString())).withLabel(label);
        return backups.backup(command, Progress.NONE).archive().name();
    }

    /**
     * Restores an archive over the database it was taken from. What the database holds now is backed up first
     * (label {@code pre-restore}), so the restore loses nothing.
     */
    RestoreReport restore(BackupName archive) {
        RestoreBackupCommand command = new RestoreBackupCommand(new BackupReference.Named(archive.value()),
                Optional.empty(), true, Duration.ZERO, Map.of());
        return restores.restore(command, Progress.NONE);
    }

    private static <T> List<T> all(Class<T> type) {
        return ServiceLoader.load(type).stream().map(ServiceLoader.Provider::get).toList();
    }
}
