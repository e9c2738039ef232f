package dev.lifeboat.domain.service;

import dev.lifeboat.domain.error.InsufficientSpaceException;
import dev.lifeboat.domain.error.UnavailableException;
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
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.ArchiveEncryption;
import dev.lifeboat.domain.spi.ArchiveWriter;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.DatabaseEngine;
import dev.lifeboat.domain.spi.EngineCommand;
import dev.lifeboat.domain.spi.EngineOptionValues;
import dev.lifeboat.domain.spi.DatabaseSummary;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.NewArchive;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RepositoryLock;
import dev.lifeboat.domain.spi.ScratchSpace;
import dev.lifeboat.domain.spi.StoredArchive;
import dev.lifeboat.domain.spi.VerificationRecordFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Backs up a database: lock the repository, summarize the database (name and size), check the space against its
 * size (an archive is at most about that big, even uncompressed), write the archive through the
 * engine and the codec, commit it (or abort it on any failure), and verify it when asked. The lock is always
 * released, and an archive that was not committed is never visible.
 * <p>
 * A backup with recipients is encrypted to them on its way into the repository: the codec writes into the
 * encryption, the archive is named {@code NAME.lifeboat.tar.age}, its sidecar hashes the encrypted bytes, and the
 * repository keeps no copy of its manifest.
 */
public final class CreateBackupService implements CreateBackupUseCase {

    private final EngineRegistry engines;
    private final ArchiveCodec codec;
    private final BackupRepository repository;
    private final VerifyBackupService verifier;
    private final Clock clock;
    private final String toolVersion;
    private final ArchiveKeys keys;

    public CreateBackupService(EngineRegistry engines, ArchiveCodec codec, BackupRepository repository, Clock clock,
                               String toolVersion) {
        this(engines, codec, repository, clock, toolVersion, ArchiveKeys.NONE);
    }

    /**
     * @param keys the encryption for backups with recipients, and the identity that lets their verification read
     *             them (without one it checks only what needs no key)
     */
    public CreateBackupService(EngineRegistry engines, ArchiveCodec codec, BackupRepository repository, Clock clock,
                               String toolVersion, ArchiveKeys keys) {
        this(engines, codec, repository, clock, toolVersion, keys,
                new VerifyBackupService(engines, codec, repository, repository, keys));
    }

    /**
     * A service whose {@code --verify} records its outcome beside the archive, as {@code verify} does.
     *
     * @param records how the record is written
     */
    public CreateBackupService(EngineRegistry engines, ArchiveCodec codec, BackupRepository repository, Clock clock,
                               String toolVersion, ArchiveKeys keys, VerificationRecordFormat records) {
        this(engines, codec, repository, clock, toolVersion, keys, new VerifyBackupService(engines, codec, repository,
                repository, keys, new VerificationRecords(repository, records, clock, toolVersion), clock));
    }

    private CreateBackupService(EngineRegistry engines, ArchiveCodec codec, BackupRepository repository, Clock clock,
                                String toolVersion, ArchiveKeys keys, VerifyBackupService verifier) {
        this.engines = engines;
        this.codec = codec;
        this.repository = repository;
        this.verifier = verifier;
        this.clock = clock;
        this.toolVersion = toolVersion;
        this.keys = keys;
    }

    @Override
    public BackupPlan plan(CreateBackupCommand command) {
        DatabaseEngine engine = engines.forLocation(command.source(), command.engineId());
        EngineOptionValues.validated(engine, EngineCommand.BACKUP, command.engineOptions());
        DatabaseDescription database = engine.describe(command.source());
        BackupName plainName = freeName(database.databaseName(), command, clock.instant());
        BackupName name = command.encrypted() ? plainName.asEncrypted() : plainName;
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

    private BackupReport backupHolding(RepositoryLock lock, DatabaseEngine engine, CreateBackupCommand given,
                                       Progress progress, Instant started) {
        // the engine sees, and the manifest records, only options it declared for backup, in their one spelling
        CreateBackupCommand command = new CreateBackupCommand(given.source(), given.engineId(), given.label(),
                given.compression(), given.lockTimeout(), given.verify(),
                EngineOptionValues.validated(engine, EngineCommand.BACKUP, given.engineOptions()), given.recipients());
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
        BackupName plainName = freeName(database.databaseName(), command, createdAt);
        BackupName name = command.encrypted() ? plainName.asEncrypted() : plainName;
        Written written = write(lock, engine, command, progress, name, createdAt);
        StoredArchive stored = written.archive();

        Optional<VerifyReport> verification = Optional.empty();
        if (command.verify()) {
            verification = Optional.of(verifyOrRemove(lock, stored,
                    EngineOptionValues.applicable(engine, EngineCommand.VERIFY, command.engineOptions()), progress));
        }
        return new BackupReport(stored.info(), written.manifest(), Duration.between(started, clock.instant()), notices,
                verification);
    }

    /** A backup that cannot be proven is not kept: whatever stops the verification removes the archive. */
    private VerifyReport verifyOrRemove(RepositoryLock lock, StoredArchive stored, Map<String, String> engineOptions,
                                        Progress progress) {
        VerifyReport report;
        try {
            report = verifier.verify(stored, true, engineOptions, progress);
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

    /** Never negative, whatever a clock does. */
    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

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
        ArchiveEncryption encryption = command.encrypted()
                ? keys.requireEncryption("the backup is to be encrypted") : null;
        try (ScratchSpace scratch = repository.openScratch();
             NewArchive archive = repository.create(name, lock)) {
            if (encryption == null) {
                try (ArchiveWriter writer = codec.newWriter(archive.output(), command.compression(), scratch)) {
                    Content content = writeContent(writer, engine, command, progress, scratch, createdAt);
                    return new Written(archive.commit(content.document()), content.manifest());
                }
            }
            Content content;
            // closing the encryption writes its last chunk, so it is closed before the commit
            try (OutputStream encrypting = encryption.encrypt(archive.output(), command.recipients());
                 ArchiveWriter writer = codec.newWriter(encrypting, command.compression(), scratch)) {
                content = writeContent(writer, engine, command, progress, scratch, createdAt);
            }
            return new Written(archive.commit(Optional.empty()), content.manifest());
        } catch (IOException e) {
            throw new UnavailableException("cannot finish the encryption of " + name + ": "
                    + e.getMessage(), e);
        }
    }

    private Content writeContent(ArchiveWriter writer, DatabaseEngine engine, CreateBackupCommand command,
                                 Progress progress, ScratchSpace scratch, Instant createdAt) {
        // elapsed time from the monotonic clock: the wall clock may be set, or fixed (LIFEBOAT_NOW), meanwhile
        long started = System.nanoTime();
        EngineBackup result = engine.backup(
                new BackupJob(command.source(), command.engineOptions(), writer, scratch, progress));
        TreeMap<String, String> options = new TreeMap<>(command.engineOptions());
        options.put("compression", command.compression().compression().id());
        options.put("compression-level", Integer.toString(command.compression().level()));
        if (command.encrypted()) {
            // inside the ciphertext: which public keys can read this archive, for a key rotation
            options.put("encrypted-to", String.join(",", command.recipients().stream().map(Object::toString).toList()));
        }
        Manifest manifest = new Manifest(codec.formatVersion(), toolVersion, createdAt, engine.id(),
                result.description().engineVersion(), SourceInfo.from(result.description()), command.label(),
                result.fingerprint(), options, writer.completedParts(), result.warnings(),
                Optional.of(nonNegative(Duration.ofNanos(System.nanoTime() - started))));
        return new Content(manifest, writer.finish(manifest));
    }

    private record Content(Manifest manifest, String document) {
    }

    private record Written(StoredArchive archive, Manifest manifest) {
    }

    private BackupName freeName(String databaseName, CreateBackupCommand command, Instant createdAt) {
        int attempt = 1;
        BackupName name = BackupNaming.nameFor(databaseName, command.label(), createdAt, attempt);
        // a stem is taken by an archive plain or encrypted
        while (repository.contains(name) || repository.contains(name.twin())) {
            name = BackupNaming.nameFor(databaseName, command.label(), createdAt, ++attempt);
        }
        return name;
    }
}
