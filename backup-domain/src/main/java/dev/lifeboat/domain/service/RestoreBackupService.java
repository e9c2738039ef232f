package dev.lifeboat.domain.service;

import dev.lifeboat.domain.error.RefusedException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.CheckStatus;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.SchemaVersion;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.port.in.BackupReport;
import dev.lifeboat.domain.port.in.PreparedRestore;
import dev.lifeboat.domain.port.in.CreateBackupCommand;
import dev.lifeboat.domain.port.in.RestoreBackupCommand;
import dev.lifeboat.domain.port.in.RestoreBackupUseCase;
import dev.lifeboat.domain.port.in.RestorePlan;
import dev.lifeboat.domain.port.in.RestoreReport;
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.ArchiveReader;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.DatabaseEngine;
import dev.lifeboat.domain.spi.EngineCommand;
import dev.lifeboat.domain.spi.EngineOptionValues;
import dev.lifeboat.domain.spi.PartSource;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RepositoryLock;
import dev.lifeboat.domain.spi.RestoreJob;
import dev.lifeboat.domain.spi.RestoreOutcome;
import dev.lifeboat.domain.spi.StoredArchive;
import dev.lifeboat.domain.spi.TargetState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Restores a backup. The archive is checked against its sidecar while the engine restores beside the target (one
 * read of the archive each, side by side), and the engine waits for that check at the end of each part; it then
 * checks integrity and fingerprint, and only then replaces the target. A target holding data is replaced only with
 * overwrite, and only after its current contents were backed up into the repository with the label
 * {@value #SAFETY_LABEL}, so nothing is ever lost.
 */
public final class RestoreBackupService implements RestoreBackupUseCase {

    public static final String SAFETY_LABEL = "pre-restore";

    private final EngineRegistry engines;
    private final ArchiveLookup lookup;
    private final BackupRepository safetyRepository;
    private final CreateBackupService safetyBackups;
    private final Clock clock;

    /**
     * @param archives         where the archive to restore is found
     * @param safetyRepository where a target's current data is backed up before it is replaced
     * @param toolVersion      recorded in the manifest of that safety backup
     */
    public RestoreBackupService(EngineRegistry engines, ArchiveCodec codec, BackupRepository archives,
                                BackupRepository safetyRepository, Clock clock, String toolVersion) {
        this(engines, codec, archives, safetyRepository, clock, toolVersion, ArchiveKeys.NONE);
    }

    /** @param keys for encrypted archives, which are decrypted into scratch space before anything is restored */
    public RestoreBackupService(EngineRegistry engines, ArchiveCodec codec, BackupRepository archives,
                                BackupRepository safetyRepository, Clock clock, String toolVersion, ArchiveKeys keys) {
        this(engines, codec, archives, safetyRepository,
                new CreateBackupService(engines, codec, safetyRepository, clock, toolVersion, keys), clock, keys);
    }

    RestoreBackupService(EngineRegistry engines, ArchiveCodec codec, BackupRepository archives,
                         BackupRepository safetyRepository, CreateBackupService safetyBackups, Clock clock) {
        this(engines, codec, archives, safetyRepository, safetyBackups, clock, ArchiveKeys.NONE);
    }

    RestoreBackupService(EngineRegistry engines, ArchiveCodec codec, BackupRepository archives,
                         BackupRepository safetyRepository, CreateBackupService safetyBackups, Clock clock,
                         ArchiveKeys keys) {
        this.engines = engines;
        this.lookup = new ArchiveLookup(archives, codec, keys);
        this.safetyBackups = safetyBackups;
        this.safetyRepository = safetyRepository;
        this.clock = clock;
    }

    @Override
    public RestorePlan plan(RestoreBackupCommand command) {
        StoredArchive archive = lookup.resolve(command.backup());
        try (ArchiveReader reader = lookup.open(archive)) {
            return plan(command, archive, reader.manifest());
        }
    }

    @Override
    public RestoreReport restore(RestoreBackupCommand command, Progress progress) {
        Instant started = clock.instant();
        StoredArchive archive = lookup.resolve(command.backup());
        try (ArchiveReader reader = lookup.open(archive)) {
            return restore(command, archive, reader, progress, started);
        }
    }

    @Override
    public PreparedRestore prepare(RestoreBackupCommand command) {
        StoredArchive archive = lookup.resolve(command.backup());
        ArchiveReader reader = lookup.open(archive);
        return new PreparedRestore() {
            @Override
            public RestorePlan plan() {
                return RestoreBackupService.this.plan(command, archive, reader.manifest());
            }

            @Override
            public RestoreReport restore(Progress progress) {
                // timed from here: a confirmation may have waited for a person since the archive was opened
                return RestoreBackupService.this.restore(command, archive, reader, progress, clock.instant());
            }

            @Override
            public void close() {
                reader.close();
            }
        };
    }

    private RestoreReport restore(RestoreBackupCommand command, StoredArchive archive, ArchiveReader reader,
                                  Progress progress, Instant started) {
        Manifest manifest = reader.manifest();
        RestorePlan plan = plan(command, archive, manifest);
        if (plan.replacesData() && !command.overwrite()) {
            throw new RefusedException(plan.target() + " already holds data; restore with --overwrite to replace it"
                    + " (its current contents are backed up first, labelled " + SAFETY_LABEL + ")");
        }
        List<String> warnings = new ArrayList<>(lookup.takeRemovedLeftovers());
        DatabaseEngine engine = engines.forArchive(manifest);
        Map<String, String> engineOptions = EngineOptionValues.validated(engine, EngineCommand.RESTORE,
                command.engineOptions());
        Optional<BackupReport> safety = Optional.empty();
        RestoreOutcome outcome;
        ConcurrentArchiveChecksum.Outcome checksum;
        try (ConcurrentArchiveChecksum archiveChecksum = ConcurrentArchiveChecksum.start(archive, progress)) {
            PartSource parts = archiveChecksum.gate(reader);
            if (plan.replacesData()) {
                // nothing is backed up for an archive that will be refused
                archiveChecksum.requirePassed();
                try (RepositoryLock lock = safetyRepository.lock(command.lockTimeout(), "restore to " + plan.target())) {
                    BackupReport saved = saveCurrentData(lock, plan, command, progress);
                    safety = Optional.of(saved);
                    // the engine replaces the target only if it still holds what was just saved
                    outcome = engine.restore(new RestoreJob(manifest, parts, plan.target(), true,
                            Optional.of(saved.manifest().fingerprint()), engineOptions, progress));
                }
            } else {
                outcome = engine.restore(new RestoreJob(manifest, parts, plan.target(), false, Optional.empty(),
                        engineOptions, progress));
            }
            // the engine read every part to its end, where the gate waited for the checksum: no wait here
            checksum = archiveChecksum.outcome();
        }
        List<VerificationCheck> checks = new ArrayList<>();
        if (checksum.check().status() == CheckStatus.PASSED) {
            checks.add(checksum.check());
        } else if (checksum.refusal().isEmpty()) {
            warnings.add(checksum.check().detail() + "; each part is still checked against the manifest");
        } else {
            throw new VerificationFailedException(outcome.target() + " was restored, but the archive fails its "
                    + "checksum, which the engine never waited for: " + checksum.refusal().get());
        }
        checks.addAll(outcome.checks());
        warnings.addAll(outcome.warnings());
        return new RestoreReport(archive.info(), manifest, outcome.target(), safety, checks, warnings,
                Duration.between(started, clock.instant()));
    }

    private BackupReport saveCurrentData(RepositoryLock lock, RestorePlan plan, RestoreBackupCommand command,
                                         Progress progress) {
        try {
            return safetyBackups.backupHolding(lock, CreateBackupCommand.of(plan.target()).withLabel(SAFETY_LABEL)
                    .withRecipients(command.safetyRecipients()), progress);
        } catch (UnavailableException | VerificationFailedException e) {
            throw new RefusedException("the data now at " + plan.target() + " could not be backed up before being "
                    + "replaced, so nothing was changed (" + e.getMessage() + "); if it is beyond use, move it aside "
                    + "yourself and restore again", e);
        }
    }

    private RestorePlan plan(RestoreBackupCommand command, StoredArchive archive, Manifest manifest) {
        ArchiveLookup.requireOf(command.backup(), archive, manifest);
        DatabaseEngine engine = engines.forArchive(manifest);
        EngineOptionValues.validated(engine, EngineCommand.RESTORE, command.engineOptions());
        // refused before anything looks at the target: the backup alone decides
        command.maxSchemaVersion().ifPresent(guard -> guard.check(SchemaVersion.of(manifest.source().schemaVersion()),
                archive.info().name().toString()));
        DatabaseLocation target = command.target()
                .orElseGet(() -> DatabaseLocation.parse(manifest.source().location()));
        TargetState state = engine.probeTarget(target);
        Optional<SchemaVersion> targetVersion = state == TargetState.OCCUPIED
                ? SchemaVersion.of(engine.schemaVersion(target)) : Optional.empty();
        return new RestorePlan(archive.info(), manifest, target, state, targetVersion);
    }
}
