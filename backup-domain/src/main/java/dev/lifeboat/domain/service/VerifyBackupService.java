package dev.lifeboat.domain.service;

import dev.lifeboat.domain.error.ExitStatus;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.model.ArchiveInfo;
import dev.lifeboat.domain.model.VerificationRecord;
import dev.lifeboat.domain.policy.BackupNaming;
import dev.lifeboat.domain.port.in.ArchiveVerification;
import dev.lifeboat.domain.port.in.BackupListing;
import dev.lifeboat.domain.port.in.BackupReference;
import dev.lifeboat.domain.port.in.VerifyAllBackupsUseCase;
import dev.lifeboat.domain.port.in.VerifyAllCommand;
import dev.lifeboat.domain.port.in.VerifyAllReport;
import dev.lifeboat.domain.port.in.VerifyBackupCommand;
import dev.lifeboat.domain.port.in.VerifyBackupUseCase;
import dev.lifeboat.domain.port.in.VerifyReport;
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.ArchiveReader;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.DatabaseEngine;
import dev.lifeboat.domain.spi.EngineCommand;
import dev.lifeboat.domain.spi.EngineOptionValues;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.ProgressUnit;
import dev.lifeboat.domain.spi.RestoreOutcome;
import dev.lifeboat.domain.spi.ScratchRestoreJob;
import dev.lifeboat.domain.spi.ScratchSpace;
import dev.lifeboat.domain.spi.StoredArchive;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies archives. Fast: the whole archive against its sidecar, then every part's stored and raw SHA-256 and
 * size, which reads and decompresses all data. Deep: also restores into a scratch place and checks integrity and
 * fingerprint there.
 * <p>
 * An encrypted archive is decrypted first when an identity is given, and then checked as any other. Without one,
 * what can be checked without the key is: the sidecar's SHA-256 of the stored bytes and the encryption header; a
 * warning says that the manifest and the parts need the identity.
 */
public final class VerifyBackupService implements VerifyBackupUseCase, VerifyAllBackupsUseCase {

    /** The check an encrypted archive's verification without its identity leaves as a warning: its contents. */
    static final String UNCHECKED_CONTENTS = "manifest and parts";


    private final EngineRegistry engines;
    private final BackupRepository archives;
    private final BackupRepository scratchRepository;
    private final ArchiveLookup lookup;
    private final Optional<VerificationRecords> records;
    private final Clock clock;

    public VerifyBackupService(EngineRegistry engines, ArchiveCodec codec, BackupRepository repository) {
        this(engines, codec, repository, repository);
    }

    /**
     * @param archives          where the archives are
     * @param scratchRepository where a deep verification restores its scratch copy, when the archives' own place
     *                          cannot take it (read-only media)
     */
    public VerifyBackupService(EngineRegistry engines, ArchiveCodec codec, BackupRepository archives,
                               BackupRepository scratchRepository) {
        this(engines, codec, archives, scratchRepository, ArchiveKeys.NONE);
    }

    /** @param keys for encrypted archives */
    /** A service that records nothing: see {@link #VerifyBackupService(EngineRegistry, ArchiveCodec,
     * BackupRepository, BackupRepository, ArchiveKeys, VerificationRecords, Clock)} for one that remembers. */
    public VerifyBackupService(EngineRegistry engines, ArchiveCodec codec, BackupRepository archives,
                               BackupRepository scratchRepository, ArchiveKeys keys) {
        this(engines, codec, archives, scratchRepository, keys, Optional.empty(), Clock.systemUTC());
    }

    /**
     * @param records where each verification is recorded, and read back by {@link #verifyAll}
     * @param clock   what "older than" is measured from
     */
    public VerifyBackupService(EngineRegistry engines, ArchiveCodec codec, BackupRepository archives,
                               BackupRepository scratchRepository, ArchiveKeys keys, VerificationRecords records,
                               Clock clock) {
        this(engines, codec, archives, scratchRepository, keys, Optional.of(records), clock);
    }

    private VerifyBackupService(EngineRegistry engines, ArchiveCodec codec, BackupRepository archives,
                                BackupRepository scratchRepository, ArchiveKeys keys,
                                Optional<VerificationRecords> records, Clock clock) {
        this.engines = engines;
        this.archives = archives;
        this.scratchRepository = scratchRepository;
        this.lookup = new ArchiveLookup(archives, codec, keys);
        this.records = records;
        this.clock = clock;
    }

    /**
     * @throws InvalidUsageException when a deep verification of an encrypted archive is asked without an identity
     */
    @Override
    public VerifyReport verify(VerifyBackupCommand command, Progress progress) {
        StoredArchive archive = lookup.resolve(command.backup());
        if (command.deep() && archive.info().name().encrypted()) {
            lookup.requireIdentity(archive);
        }
        VerifyReport report = check(archive, command.backup(), command.deep(), command.engineOptions(), progress);
        return records.map(known -> known.record(archive, report)).orElse(report);
    }

    /**
     * Verifies every archive not verified successfully within the limit, newest first. An archive that cannot be
     * verified at all (gone since listed, encrypted without the identity a deep verification needs) is reported
     * and the others are still verified.
     *
     * @throws IllegalStateException when this service records nothing, so it cannot tell what was verified
     */
    @Override
    public VerifyAllReport verifyAll(VerifyAllCommand command, Progress progress) {
        VerificationRecords known = records.orElseThrow(() -> new IllegalStateException(
                "verifying all archives needs the verification records"));
        // verified after this is recent enough to skip; an age beyond the calendar skips every verified one
        Optional<Instant> recentSince = command.olderThan().map(age -> before(clock.instant(), age));
        List<ArchiveVerification> done = new ArrayList<>();
        for (BackupListing listing : lookup.listing(Optional.empty())) {
            ArchiveInfo info = listing.archive();
            try {
                Optional<StoredArchive> archive = archives.find(info.name());
                if (archive.isEmpty()) {
                    done.add(new ArchiveVerification.Unverifiable(info, info.name() + " disappeared from "
                            + archives.location() + " after it was listed", ExitStatus.UNAVAILABLE));
                    continue;
                }
                Optional<VerificationRecord> recent = known.last(archive.get()).record()
                        .filter(VerificationRecord::passed)
                        .filter(last -> !command.deep() || last.deep())
                        .filter(last -> recentSince.isPresent() && last.verifiedAt().isAfter(recentSince.get()));
                if (recent.isPresent()) {
                    done.add(new ArchiveVerification.Skipped(info, recent.get()));
                    continue;
                }
                if (command.deep() && info.name().encrypted()) {
                    lookup.requireIdentity(archive.get());
                }
                done.add(new ArchiveVerification.Verified(verify(archive.get(), command.deep(),
                        command.engineOptions(), progress)));
            } catch (LifeboatException e) {
                done.add(new ArchiveVerification.Unverifiable(info, e.getMessage(), e.status()));
            }
        }
        return new VerifyAllReport(done);
    }

    private static Instant before(Instant now, Duration age) {
        try {
            return now.minus(age);
        } catch (DateTimeException | ArithmeticException e) {
            return Instant.MIN;
        }
    }

    /**
     * Verifies an archive already found, such as one just written, and records the outcome beside it when this
     * service records. An encrypted archive without an identity gets the checks that need no key, and a warning
     * saying what was left out.
     */
    VerifyReport verify(StoredArchive archive, boolean deep, Map<String, String> engineOptions, Progress progress) {
        VerifyReport report = check(archive, new BackupReference.Named(archive.info().name().value()), deep,
                engineOptions, progress);
        return records.map(known -> known.record(archive, report)).orElse(report);
    }

    /**
     * Checks an archive. One picked as {@code latest:NAME} by its name alone (an encrypted one) that turns out to
     * be another database's is refused before anything is recorded: it was not what the user asked to verify.
     */
    private VerifyReport check(StoredArchive archive, BackupReference reference, boolean deep,
                               Map<String, String> engineOptions, Progress progress) {
        // the whole archive's checksum reads it beside the checks of the manifest and the parts, which read it too
        try (ConcurrentArchiveChecksum checksum = ConcurrentArchiveChecksum.start(archive, progress)) {
            List<VerificationCheck> contents;
            try {
                contents = checkContents(archive, reference, deep, engineOptions, progress);
            } catch (RuntimeException | Error e) {
                // what stopped the checksum from running is reported first, as when it ran first
                checksum.outcome();
                throw e;
            }
            List<VerificationCheck> checks = new ArrayList<>();
            checks.add(checksum.outcome().check());
            checks.addAll(contents);
            return new VerifyReport(archive.info(), deep, checks);
        }
    }

    /** The checks after the archive's checksum: the manifest, every part, and with {@code deep} a restore. */
    private List<VerificationCheck> checkContents(StoredArchive archive, BackupReference reference, boolean deep,
                                                  Map<String, String> engineOptions, Progress progress) {
        List<VerificationCheck> checks = new ArrayList<>();
        if (archive.info().name().encrypted() && lookup.keys().identity().isEmpty()) {
            checks.add(checkHeader(archive));
            checks.add(VerificationCheck.warning(UNCHECKED_CONTENTS, "not checked: the archive is encrypted, and "
                    + "the manifest and the parts' checksums" + (deep ? ", like a restore," : "") + " need the "
                    + "identity (--identity FILE or LIFEBOAT_IDENTITY_FILE)"));
            return checks;
        }
        try (ArchiveReader reader = lookup.open(archive)) {
            Manifest manifest = reader.manifest();
            ArchiveLookup.requireDatabase(reference, archive, manifest);
            checks.add(VerificationCheck.passed("manifest", "format " + manifest.formatVersion() + ", "
                    + manifest.engineId() + " backup of " + manifest.databaseName() + " taken " + manifest.createdAt()));
            if (!BackupNaming.agreesWith(archive.info().name(), manifest.databaseName(), manifest.label(),
                    manifest.createdAt())) {
                // another archive copied over this one's name, sidecar and all: selecting by name takes the wrong one
                checks.add(VerificationCheck.failed("name", archive.info().name() + " holds a backup of "
                        + manifest.databaseName() + manifest.label().map(label -> " labelled " + label).orElse("")
                        + " taken " + manifest.createdAt() + ", which is not what its name says: it was renamed, or "
                        + "another archive was copied over it"));
            }
            boolean partsIntact = true;
            for (PartInfo part : reader.parts()) {
                VerificationCheck check = checkPart(reader, part, progress);
                partsIntact &= check.status() != dev.lifeboat.domain.model.CheckStatus.FAILED;
                checks.add(check);
            }
            if (deep) {
                checks.addAll(partsIntact ? restoreToScratch(reader, manifest, engineOptions, progress)
                        : List.of(VerificationCheck.failed("restore", "not attempted: the parts are damaged")));
            }
        } catch (VerificationFailedException e) {
            checks.add(VerificationCheck.failed("archive", e.getMessage()));
        }
        return checks;
    }

    /** The encryption header, read without the identity: its format and recipients, not its authentication code. */
    private VerificationCheck checkHeader(StoredArchive archive) {
        String name = "encryption header";
        var encryption = lookup.keys().requireEncryption(archive.info().name() + " is encrypted");
        try (SeekableByteChannel channel = archive.open();
             InputStream in = new BufferedInputStream(Channels.newInputStream(channel))) {
            return VerificationCheck.passed(name, encryption.describeHeader(in, archive.info().name().value())
                    + "; its authentication code needs the identity");
        } catch (VerificationFailedException e) {
            return VerificationCheck.failed(name, e.getMessage());
        } catch (IOException e) {
            throw new UnavailableException("cannot read " + archive.info().location() + ": " + e.getMessage(), e);
        }
    }

    private static VerificationCheck checkPart(ArchiveReader reader, PartInfo part, Progress progress) {
        String name = "part " + part.name();
        try (InputStream in = reader.open(part.name());
             Progress.Task task = progress.start("verifying " + part.name(), part.rawSize(), ProgressUnit.BYTES)) {
            byte[] buffer = new byte[1 << 16];
            long done = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                done += n;
                task.update(done);
            }
            return VerificationCheck.passed(name, "SHA-256 and size match (" + part.storedSize() + " bytes stored, "
                    + part.rawSize() + " raw)");
        } catch (VerificationFailedException e) {
            return VerificationCheck.failed(name, e.getMessage());
        } catch (IOException e) {
            return VerificationCheck.failed(name, "unreadable: " + e.getMessage());
        }
    }

    private List<VerificationCheck> restoreToScratch(ArchiveReader reader, Manifest manifest,
                                                     Map<String, String> engineOptions, Progress progress) {
        DatabaseEngine engine = engines.forArchive(manifest);
        try (ScratchSpace scratch = scratchRepository.openScratch()) {
            RestoreOutcome outcome = engine.restoreToScratch(
                    new ScratchRestoreJob(manifest, reader, scratch,
                            EngineOptionValues.validated(engine, EngineCommand.VERIFY, engineOptions), progress));
            List<VerificationCheck> checks = new ArrayList<>(outcome.checks());
            outcome.warnings().forEach(warning -> checks.add(VerificationCheck.warning("restore", warning)));
            return checks;
        } catch (VerificationFailedException e) {
            return List.of(VerificationCheck.failed("restore", e.getMessage()));
        }
    }
}
