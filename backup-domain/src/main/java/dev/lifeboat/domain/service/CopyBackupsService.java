package dev.lifeboat.domain.service;

import dev.lifeboat.domain.error.ExitStatus;
import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.error.InsufficientSpaceException;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.VerificationRecord;
import dev.lifeboat.domain.port.in.ArchiveCopy;
import dev.lifeboat.domain.port.in.ArchiveCopy.Outcome;
import dev.lifeboat.domain.port.in.BackupListing;
import dev.lifeboat.domain.port.in.CopyBackupsCommand;
import dev.lifeboat.domain.port.in.CopyBackupsUseCase;
import dev.lifeboat.domain.port.in.CopyReport;
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.ArchiveReader;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.NewArchive;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RepositoryLock;
import dev.lifeboat.domain.spi.StoredArchive;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Copies archives from one repository to another, byte for byte, with their checksums: a fast local copy plus an
 * off-site one from the same backups.
 * <p>
 * The source is only read. The target is locked for the whole run, and its leftovers of interrupted runs are
 * removed as a backup does. Each archive is decided on its own: the target already having it under its name with
 * the same recorded SHA-256 skips it (the target's bytes are not read: that is verification's work, in the target);
 * the target having anything else under that name refuses it (nothing is ever replaced); otherwise it is streamed
 * through the target's {@link NewArchive}, hashed on the way, and committed only when the bytes read hash to the
 * SHA-256 the source records, and kept only when the target then records that same SHA-256. A source archive that
 * cannot be copied as recorded (no sidecar, damaged, or its last verification failed) fails on its own and leaves
 * nothing in the target; the rest are still copied. The manifest handed to the target is the one inside the
 * archive, exactly as written, so a target that keeps a copy for listing keeps the true one. An encrypted archive
 * is copied as the bytes it is, without its identity: its sidecar is checked, it is never decrypted, and no
 * manifest copy is kept for it.
 */
public final class CopyBackupsService implements CopyBackupsUseCase {

    private final ArchiveCodec codec;
    private final BackupRepository source;
    private final BackupRepository target;
    private final ArchiveLookup lookup;
    private final Optional<VerificationRecords> sourceRecords;

    public CopyBackupsService(ArchiveCodec codec, BackupRepository source, BackupRepository target) {
        this(codec, source, target, Optional.empty());
    }

    /**
     * @param sourceRecords the source's verification records: an archive whose last verification there failed is not
     *                      copied, since the copy, without that record, would look intact in the target
     */
    public CopyBackupsService(ArchiveCodec codec, BackupRepository source, BackupRepository target,
                              VerificationRecords sourceRecords) {
        this(codec, source, target, Optional.of(sourceRecords));
    }

    private CopyBackupsService(ArchiveCodec codec, BackupRepository source, BackupRepository target,
                               Optional<VerificationRecords> sourceRecords) {
        this.codec = codec;
        this.source = source;
        this.target = target;
        this.lookup = new ArchiveLookup(source, codec);
        this.sourceRecords = sourceRecords;
    }

    @Override
    public CopyReport copy(CopyBackupsCommand command, Progress progress) {
        if (source.location().equals(target.location())) {
            throw new InvalidUsageException("the source and the target are the same repository, " + target.location()
                    + ": copy to another one");
        }
        List<StoredArchive> archives = select(command);
        if (command.dryRun()) {
            List<ArchiveCopy> decisions = new ArrayList<>();
            for (StoredArchive archive : archives) {
                Recorded recorded = recorded(archive);
                decisions.add(decide(archive, recorded).orElseGet(() -> new ArchiveCopy(archive.info().name(),
                        archive.info().sizeBytes(), Outcome.COPIED, ExitStatus.SUCCESS, recorded.sha256(),
                        "would be copied")));
            }
            return new CopyReport(source.location(), target.location(), true, decisions, List.of());
        }
        try (RepositoryLock lock = target.lock(command.lockTimeout(), "copy from " + source.location())) {
            List<String> notices = new ArrayList<>();
            lock.tookOverFrom().ifPresent(holder -> notices.add("took over a stale lock left by " + holder));
            target.removeLeftovers().forEach(leftover ->
                    notices.add("removed " + leftover + ", left by an interrupted run"));
            List<ArchiveCopy> copies = new ArrayList<>();
            for (StoredArchive archive : archives) {
                Recorded recorded = recorded(archive);
                Optional<ArchiveCopy> decided = decide(archive, recorded);
                copies.add(decided.isPresent() ? decided.get()
                        : copy(archive, recorded.sha256().orElseThrow(), lock, progress));
            }
            return new CopyReport(source.location(), target.location(), false, copies, notices);
        }
    }

    /** The archives to copy: the one named, or every archive of the source, oldest first. */
    private List<StoredArchive> select(CopyBackupsCommand command) {
        if (command.backup().isPresent()) {
            return List.of(lookup.resolve(command.backup().get()));
        }
        List<BackupListing> newestFirst = lookup.listing(Optional.empty());
        List<StoredArchive> oldestFirst = new ArrayList<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            BackupName name = newestFirst.get(i).archive().name();
            // an archive that vanished since the listing (a prune of the source) has nothing left to copy
            source.find(name).ifPresent(oldestFirst::add);
        }
        return oldestFirst;
    }

    /**
     * What can be decided without copying: the source's record missing or damaged (failed), the target having the
     * archive already (skipped) or something else under its name (refused). Empty when it is to be copied.
     */
    private Optional<ArchiveCopy> decide(StoredArchive archive, Recorded recorded) {
        BackupName name = archive.info().name();
        long size = archive.info().sizeBytes();
        if (recorded.problem().isPresent()) {
            return Optional.of(new ArchiveCopy(name, size, Outcome.FAILED, ExitStatus.VERIFICATION_FAILED,
                    Optional.empty(), recorded.problem().get()));
        }
        Optional<VerificationRecord> failed = sourceRecords.flatMap(records -> records.lastFailure(archive));
        if (failed.isPresent()) {
            return Optional.of(new ArchiveCopy(name, size, Outcome.FAILED, ExitStatus.VERIFICATION_FAILED,
                    recorded.sha256(), "its last verification in the source failed" + failed.get().firstFailure()
                    .map(check -> " (" + check.name() + ")").orElse("") + ", and a copy, without that record, would "
                    + "look intact in the target; nothing was copied: verify it with --deep, and copy it once it "
                    + "passes"));
        }
        String sha256 = recorded.sha256().orElseThrow();
        Optional<StoredArchive> existing = target.find(name);
        if (existing.isEmpty() && target.contains(name.twin())) {
            return Optional.of(refused(archive, sha256, "the target has " + name.twin() + ", the same backup "
                    + (name.encrypted() ? "unencrypted" : "encrypted") + "; a name is kept either plain or encrypted, "
                    + "never both"));
        }
        if (existing.isEmpty()) {
            if (target.contains(name)) {
                return Optional.of(refused(archive, sha256, "something that is not an archive has this name in "
                        + target.location() + "; lifeboat never replaces it"));
            }
            return Optional.empty();
        }
        Optional<String> theirs;
        try {
            theirs = existing.get().recordedSha256();
        } catch (VerificationFailedException e) {
            return Optional.of(refused(archive, sha256, "the target has an archive under this name whose checksum "
                    + "file is damaged (" + e.getMessage() + "); lifeboat never replaces it: verify it there, and "
                    + "remove it by hand if it is broken"));
        }
        if (theirs.isEmpty()) {
            return Optional.of(refused(archive, sha256, "the target has an archive under this name without a "
                    + "checksum file, so it cannot be compared; lifeboat never replaces it"));
        }
        if (!theirs.get().equals(sha256)) {
            return Optional.of(refused(archive, sha256, "the target has other bytes under this name (SHA-256 "
                    + theirs.get() + ", the source's is " + sha256 + "); lifeboat never replaces an archive"));
        }
        return Optional.of(new ArchiveCopy(name, size, Outcome.SKIPPED, ExitStatus.SUCCESS, Optional.of(sha256),
                "the target has it, its checksum file recording the same SHA-256 (its bytes are not read again: "
                        + "lifeboat verify checks them there)"));
    }

    private static ArchiveCopy refused(StoredArchive archive, String sha256, String why) {
        return new ArchiveCopy(archive.info().name(), archive.info().sizeBytes(), Outcome.REFUSED, ExitStatus.REFUSED,
                Optional.of(sha256), why);
    }

    /** The SHA-256 the source records for an archive, or why it has none it can trust. */
    private static Recorded recorded(StoredArchive archive) {
        try {
            Optional<String> sha256 = archive.recordedSha256();
            if (sha256.isEmpty()) {
                return new Recorded(Optional.empty(), Optional.of("the source has no checksum file "
                        + archive.info().name().sidecarName() + " for it, so its bytes cannot be checked on the way; "
                        + "lifeboat copies only archives it can check"));
            }
            return new Recorded(sha256, Optional.empty());
        } catch (VerificationFailedException e) {
            return new Recorded(Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    private record Recorded(Optional<String> sha256, Optional<String> problem) {
    }

    /** @param sha256 what the source's sidecar records for the archive */
    private ArchiveCopy copy(StoredArchive archive, String sha256, RepositoryLock lock, Progress progress) {
        BackupName name = archive.info().name();
        long size = archive.info().sizeBytes();
        Optional<String> manifestDocument = Optional.empty();
        if (!name.encrypted()) {
            try (ArchiveReader reader = codec.open(archive.open(), name.value())) {
                manifestDocument = Optional.of(reader.manifestDocument());
            } catch (VerificationFailedException | IncompatibleException | UnavailableException e) {
                // damaged, of a newer format, or gone since the listing: this archive only
                return new ArchiveCopy(name, size, Outcome.FAILED, e.status(), Optional.of(sha256), e.getMessage());
            }
        }
        long available = target.usableSpace();
        if (available < size) {
            throw InsufficientSpaceException.beforeWriting(target.location(), size, available);
        }
        StoredArchive stored;
        try (NewArchive created = target.create(name, lock)) {
            String read = ArchiveChecksum.stream(archive, created.output(), "copying", progress);
            if (!read.equals(sha256)) {
                // closing the uncommitted archive removes what was written
                return new ArchiveCopy(name, size, Outcome.FAILED, ExitStatus.VERIFICATION_FAILED, Optional.of(sha256),
                        "SHA-256 of the source's bytes is " + read + " but its checksum file records " + sha256
                                + ": the archive was changed or damaged, and nothing was copied; verify it");
            }
            stored = created.commit(manifestDocument);
        }
        Optional<String> written = stored.recordedSha256();
        if (!written.equals(Optional.of(sha256))) {
            String removal = target.delete(name, lock) ? "it was removed from the target"
                    : "the target's retention period keeps it, so remove it there once that is over";
            return new ArchiveCopy(name, size, Outcome.FAILED, ExitStatus.VERIFICATION_FAILED, Optional.of(sha256),
                    "the target recorded SHA-256 " + written.orElse("none") + " after writing, not " + sha256 + "; "
                            + removal);
        }
        return new ArchiveCopy(name, size, Outcome.COPIED, ExitStatus.SUCCESS, Optional.of(sha256),
                "copied, SHA-256 checked");
    }
}
