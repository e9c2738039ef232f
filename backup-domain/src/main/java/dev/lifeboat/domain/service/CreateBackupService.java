package dev.lifeboat.domain.service;

import dev.lifeboat.domain.error.InsufficientSpaceException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.DatabaseDescription;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.SourceInfo;
import dev.lifeboat.domain.policy.BackupNaming;
import dev.lifeboat.domain.port.in.BackupPlan;
import dev.lifeboat.domain.port.in.BackupReport;
import dev.lifeboat.domain.port.in.CreateBackupCommand;
import dev.lifeboat.domain.port.in.CreateBackupUseCase;
import dev.lifeboat.domain.port.in.VerifyReport;
import dev.lifeboat.domain.port.out.ArchiveCodec;
import dev.lifeboat.domain.port.out.ArchiveWriter;
import dev.lifeboat.domain.port.out.BackupJob;
import dev.lifeboat.domain.port.out.BackupRepository;
import dev.lifeboat.domain.port.out.DatabaseEngine;
import dev.lifeboat.domain.port.out.DatabaseSummary;
import dev.lifeboat.domain.port.out.EngineBackup;
import dev.lifeboat.domain.port.out.NewArchive;
import dev.lifeboat.domain.port.out.Progress;
import dev.lifeboat.domain.port.out.RepositoryLock;
import dev.lifeboat.domain.port.out.ScratchSpace;
import dev.lifeboat.domain.port.out.StoredArchive;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Backs up a database: lock the repository, summarize the database (name and size), check the space against its
 * size (an archive is at most about that big, even uncompressed), write the archive through the
 * engine and the codec, commit it (or abort it on any failure), and verify it when asked. The lock is always
 * released, and an archive that was not committed is never visible.
 */
public final class CreateBackupService implements CreateBackupUseCase {

    private final EngineRegistry engines;
    private final ArchiveCodec codec;
    private final BackupRepository repository;
    private final VerifyBackupService verifier;
    private final Clock clock;
    private final String toolVersion;

    public CreateBackupService(EngineRegistry engines, ArchiveCodec codec, BackupRepository repository, Clock clock,
                               String toolVersion) {
        this.engines = engines;
        this.codec = codec;
        this.repository = repository;
        this.verifier = new VerifyBackupService(engines, codec, repository);
        this.clock = clock;
        this.toolVersion = toolVersion;
    }

    @Override
    public BackupPlan plan(CreateBackupCommand command) {
        DatabaseEngine engine = engines.forLocation(command.source(), command.engineId());
        DatabaseDescription database = engine.describe(command.source());
        BackupName name = freeName(database.databaseName(), command, clock.instant());
        return new BackupPlan(database, name, repository.location(), command.compression(),
                engine.summarize(command.source()).requiredBytes(), repository.usableSpace());
    }

    @Override
    public BackupReport backup(CreateBackupCommand command, Progress progress) {
        Instant started = clock.instant();
        DatabaseEngine engine = engines.forLocation(command.source(), command.engineId());
        try (RepositoryLock lock = repository.lock(command.lockTimeout(), "backup of " + command.source())) {
            return backupHolding(lock, engine, command, progress, started);
        }
    }

    /** Backs up while the caller holds the repository lock, as a restore does for its safety backup. */
    BackupReport backupHolding(RepositoryLock lock, CreateBackupCommand command, Progress progress) {
        DatabaseEngine engine = engines.forLocation(command.source(), command.engineId());
        return backupHolding(lock, engine, command, progress, clock.instant());
    }

    private BackupReport backupHolding(RepositoryLock lock, DatabaseEngine engine, CreateBackupCommand command,
                                       Progress progress, Instant started) {
        List<String> notices = new ArrayList<>();
        lock.tookOverFrom().ifPresent(holder -> notices.add("took over a stale lock left by " + holder));
        repository.removeLeftovers().forEach(leftover ->
                notices.add("removed " + leftover + ", left by an interrupted run"));

        DatabaseSummary database = engine.summarize(command.source());
        long required = database.requiredBytes();
        long available = repository.usableSpace();
        if (available < required) {
            throw InsufficientSpaceException.beforeWriting(repository.location(), required, available);
        }

        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        BackupName name = freeName(database.databaseName(), command, createdAt);
        Written written = write(lock, engine, command, progress, name, createdAt);
        StoredArchive stored = written.archive();

        Optional<VerifyReport> verification = Optional.empty();
        if (command.verify()) {
            verification = Optional.of(verifyOrRemove(lock, stored, command, progress));
        }
        return new BackupReport(stored.info(), written.manifest(), Duration.between(started, clock.instant()), notices,
                verification);
    }

    /** A backup that cannot be proven is not kept: whatever stops the verification removes the archive. */
    private VerifyReport verifyOrRemove(RepositoryLock lock, StoredArchive stored, CreateBackupCommand command,
                                        Progress progress) {
        VerifyReport report;
        try {
            report = verifier.verify(stored, true, command.engineOptions(), progress);
        } catch (RuntimeException | Error e) {
            removeUnproven(lock, stored, e);
            throw e;
        }
        if (!report.passed()) {
            String reason = report.failures().get(0).name() + ": " + report.failures().get(0).detail();
            VerificationFailedException failure = new VerificationFailedException("the backup was written but failed "
                    + "verification, so " + stored.info().name() + " was removed: " + reason);
            if (removeUnproven(lock, stored, failure) == Removal.RETAINED) {
                throw new VerificationFailedException("the backup was written but failed verification: " + reason
                        + "; the repository's retention period keeps " + stored.info().name() + " from being removed, "
                        + "so do not restore it");
            }
            throw failure;
        }
        return report;
    }

    private enum Removal { REMOVED, RETAINED, FAILED }

    /** A failure to remove is added to the failure that asked for the removal. */
    private Removal removeUnproven(RepositoryLock lock, StoredArchive stored, Throwable failure) {
        try {
            return repository.delete(stored.info().name(), lock) ? Removal.REMOVED : Removal.RETAINED;
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            return Removal.FAILED;
        }
    }

    private Written write(RepositoryLock lock, DatabaseEngine engine, CreateBackupCommand command,
                                Progress progress, BackupName name, Instant createdAt) {
        try (ScratchSpace scratch = repository.openScratch();
             NewArchive archive = repository.create(name, lock);
             ArchiveWriter writer = codec.newWriter(archive.output(), command.compression(), scratch)) {
            EngineBackup result = engine.backup(
                    new BackupJob(command.source(), command.engineOptions(), writer, scratch, progress));
            TreeMap<String, String> options = new TreeMap<>(command.engineOptions());
            options.put("compression", command.compression().compression().id());
            options.put("compression-level", Integer.toString(command.compression().level()));
            Manifest manifest = new Manifest(codec.formatVersion(), toolVersion, createdAt, engine.id(),
                    result.description().engineVersion(), SourceInfo.from(result.description()), command.label(),
                    result.fingerprint(), options, writer.completedParts(), result.warnings());
            String document = writer.finish(manifest);
            return new Written(archive.commit(document), manifest);
        }
    }

    private record Written(StoredArchive archive, Manifest manifest) {
    }

    private BackupName freeName(String databaseName, CreateBackupCommand command, Instant createdAt) {
        int attempt = 1;
        BackupName name = BackupNaming.nameFor(databaseName, command.label(), createdAt, attempt);
        while (repository.contains(name)) {
            name = BackupNaming.nameFor(databaseName, command.label(), createdAt, ++attempt);
        }
        return name;
    }
}
