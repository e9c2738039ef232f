package dev.lifeboat.it;

import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.port.in.BackupReference;
import dev.lifeboat.domain.port.in.BackupReport;
import dev.lifeboat.domain.port.in.CreateBackupCommand;
import dev.lifeboat.domain.port.in.RestoreBackupCommand;
import dev.lifeboat.domain.port.in.VerifyBackupCommand;
import dev.lifeboat.domain.port.in.VerifyReport;
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.BackupRepositoryProvider;
import dev.lifeboat.domain.spi.DatabaseEngine;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.service.CreateBackupService;
import dev.lifeboat.domain.service.EngineRegistry;
import dev.lifeboat.domain.service.RestoreBackupService;
import dev.lifeboat.domain.service.VerifyBackupService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * lifeboat's services wired the way the command line wires them (adapters found with ServiceLoader), so the
 * corruption matrix runs hundreds of cases in one JVM and still exercises the code a user runs. Verify and restore
 * end in the exit code the command line would end with.
 */
final class CorruptionServices {

    private static final String TOOL_VERSION = "corruption-matrix";

    private final EngineRegistry engines;
    private final ArchiveCodec codec;
    private final BackupRepositoryProvider filesystem;

    private CorruptionServices(EngineRegistry engines, ArchiveCodec codec, BackupRepositoryProvider filesystem) {
        this.engines = engines;
        this.codec = codec;
        this.filesystem = filesystem;
    }

    static CorruptionServices discover() {
        List<DatabaseEngine> engines = load(DatabaseEngine.class);
        List<ArchiveCodec> codecs = load(ArchiveCodec.class);
        if (codecs.size() != 1) {
            throw new IllegalStateException("expected one archive codec on the class path, found " + codecs.size());
        }
        BackupRepositoryProvider filesystem = load(BackupRepositoryProvider.class).stream()
                .filter(provider -> provider.id().equals("filesystem")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no filesystem repository on the class path"));
        return new CorruptionServices(new EngineRegistry(engines), codecs.get(0), filesystem);
    }

    BackupRepository repository(Path directory) {
        return filesystem.open(directory.toString(), true);
    }

    /** Backs a database up into a repository, the archive named and its manifest dated by the clock. */
    BackupReport backup(String location, Path repository, Clock clock) {
        return new CreateBackupService(engines, codec, repository(repository), clock, TOOL_VERSION)
                .backup(CreateBackupCommand.of(DatabaseLocation.parse(location)), Progress.NONE);
    }

    /** The exit code of {@code lifeboat verify [--deep] NAME} in a repository, with the reason when it is not 0. */
    CorruptionVerdict verify(Path repository, String archiveName, boolean deep) {
        return CorruptionVerdict.of(() -> {
            BackupRepository archives = repository(repository);
            VerifyReport report = new VerifyBackupService(engines, codec, archives)
                    .verify(new VerifyBackupCommand(new BackupReference.Named(archiveName), deep, Map.of()),
                            Progress.NONE);
            return report.passed() ? CorruptionVerdict.SUCCESS
                    : new CorruptionVerdict(6, report.failures().get(0).name() + ": " + report.failures().get(0).detail());
        });
    }

    /**
     * The exit code of {@code lifeboat restore NAME TARGET --overwrite --yes}, the target's current data backed up
     * into the safety repository first, as the command line does.
     */
    CorruptionVerdict restore(Path repository, String archiveName, String target, Path safetyRepository) {
        return CorruptionVerdict.of(() -> {
            new RestoreBackupService(engines, codec, repository(repository), repository(safetyRepository),
                    Clock.systemUTC(), TOOL_VERSION)
                    .restore(new RestoreBackupCommand(new BackupReference.Named(archiveName),
                            Optional.of(DatabaseLocation.parse(target)), true, Duration.ZERO, Map.of()), Progress.NONE);
            return CorruptionVerdict.SUCCESS;
        });
    }

    private static <T> List<T> load(Class<T> type) {
        return ServiceLoader.load(type).stream().map(ServiceLoader.Provider::get).toList();
    }

    /**
     * How a command ended: the exit code the command line would give and why.
     *
     * @param exitCode 0 for success, a {@link LifeboatException}'s status, or 1 for anything else (a bug)
     * @param detail   the failure's message, empty on success
     */
    record CorruptionVerdict(int exitCode, String detail) {

        static final CorruptionVerdict SUCCESS = new CorruptionVerdict(0, "");

        static CorruptionVerdict of(java.util.function.Supplier<CorruptionVerdict> command) {
            try {
                return command.get();
            } catch (LifeboatException e) {
                return new CorruptionVerdict(e.status().code(), e.getMessage());
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                return new CorruptionVerdict(1, "internal error " + e);
            }
        }

        /** Whether the damage was reported as the issue demands: verification failed (6) or incompatible (8). */
        boolean detected() {
            return exitCode == 6 || exitCode == 8;
        }
    }
}
