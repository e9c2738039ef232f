package dev.lifeboat.domain.service;

import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.IdentityFile;
import dev.lifeboat.domain.model.LastVerification;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.policy.BackupNaming;
import dev.lifeboat.domain.port.in.BackupListing;
import dev.lifeboat.domain.port.in.BackupReference;
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.ArchiveReader;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.StoredArchive;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds archives in a repository by name or as the newest, and reads their manifests. An encrypted archive is listed
 * from its name alone, and opened through {@link ArchiveDecryption}.
 */
final class ArchiveLookup {

    /**
     * Newest first: by creation time in the manifest, encrypted and unreadable archives by the time in their name
     * (an unreadable one whose name lifeboat did not make by its file time); ties by name.
     */
    static final Comparator<BackupListing> NEWEST_FIRST = Comparator
            .comparing(ArchiveLookup::createdAt)
            .thenComparing(listing -> listing.archive().name().value())
            .reversed();

    private final BackupRepository repository;
    private final ArchiveCodec codec;
    private final ArchiveKeys keys;
    private final ArchiveDecryption decryption;

    ArchiveLookup(BackupRepository repository, ArchiveCodec codec) {
        this(repository, codec, ArchiveKeys.NONE);
    }

    ArchiveLookup(BackupRepository repository, ArchiveCodec codec, ArchiveKeys keys) {
        this.repository = repository;
        this.codec = codec;
        this.keys = keys;
        this.decryption = new ArchiveDecryption(repository, codec, keys);
    }

    /**
     * When a listed archive was taken, as well as it is known without opening it. A damaged archive's file time is
     * not it: a copy or a restore from tape sets it to anything, and a broken newest archive must still sort first.
     */
    static Instant createdAt(BackupListing listing) {
        return listing.manifest().map(Manifest::createdAt)
                .or(() -> BackupNaming.partsOf(listing.archive().name()).map(BackupNaming.NameParts::createdAt))
                .orElse(listing.archive().modifiedAt());
    }

    StoredArchive resolve(BackupReference reference) {
        if (reference instanceof BackupReference.Named named) {
            return byName(named.name());
        }
        return newest(((BackupReference.Latest) reference).database());
    }

    /**
     * The newest backup, leaving out the safety backups a restore takes (restoring "the latest" twice must not bring
     * back what the first restore replaced). When the newest archive is unreadable, that is an error: quietly taking an
     * older one would let a check of "the latest backup" pass while the latest backup is broken.
     */
    private StoredArchive newest(Optional<String> database) {
        List<BackupListing> candidates = listing(database).stream()
                .filter(listing -> !isSafetyBackup(listing))
                .toList();
        String which = database.map(db -> " of " + db).orElse("");
        if (candidates.isEmpty()) {
            throw new UnavailableException("no backup" + which + " in " + repository.location());
        }
        BackupListing newest = candidates.get(0);
        if (newest.problem().isPresent()) {
            throw new VerificationFailedException("the newest backup" + which + ", " + newest.archive().name()
                    + ", is unreadable: " + newest.problem().get() + "; name an older archive to use it instead");
        }
        return repository.find(newest.archive().name())
                .orElseThrow(() -> new UnavailableException(newest.archive().name() + " disappeared from "
                        + repository.location()));
    }

    static boolean isSafetyBackup(BackupListing listing) {
        return listing.manifest().map(manifest -> manifest.label().equals(Optional.of(RestoreBackupService.SAFETY_LABEL)))
                .orElseGet(() -> listing.archive().name().value().contains("_" + RestoreBackupService.SAFETY_LABEL + "_"));
    }

    /**
     * An encrypted or unreadable archive belongs to a database if its name can say so, as the names are made from it
     * (see {@link BackupNaming#canBeOf}: a restore then checks the manifest, {@link #requireOf}).
     */
    static boolean belongsTo(BackupListing listing, String database) {
        return listing.manifest().map(manifest -> manifest.databaseName().equals(database))
                .orElseGet(() -> BackupNaming.partsOf(listing.archive().name())
                        .map(parts -> BackupNaming.canBeOf(parts, database))
                        .orElseGet(() -> listing.archive().name().value()
                                .startsWith(BackupNaming.safeDatabaseName(database) + "_")));
    }

    /**
     * An archive about to be restored must be what its name says (see {@link BackupNaming#agreesWith}), and one
     * picked as {@code latest:NAME} by its name alone (an encrypted one) must be NAME's by its manifest:
     * {@code shop_archive_<time>} may be a backup of the database {@code shop_archive} as well as of {@code shop}
     * labelled {@code archive}.
     *
     * @throws VerificationFailedException when the manifest is not what the archive's name says
     * @throws InvalidUsageException        when the manifest names another database than NAME
     */
    static void requireOf(BackupReference reference, StoredArchive archive, Manifest manifest) {
        if (!BackupNaming.agreesWith(archive.info().name(), manifest.databaseName(), manifest.label(),
                manifest.createdAt())) {
            throw new VerificationFailedException(archive.info().name() + " holds a backup of "
                    + manifest.databaseName() + " taken " + manifest.createdAt() + ", which is not what its name says "
                    + "(it was renamed, or another archive was copied over it); nothing was restored");
        }
        requireDatabase(reference, archive, manifest);
    }

    /**
     * An archive picked as {@code latest:NAME} by its name alone must be NAME's by its manifest.
     *
     * @throws InvalidUsageException when the manifest names another database than NAME
     */
    static void requireDatabase(BackupReference reference, StoredArchive archive, Manifest manifest) {
        if (reference instanceof BackupReference.Latest latest && latest.database().isPresent()
                && !latest.database().get().equals(manifest.databaseName())) {
            throw new InvalidUsageException(reference + " picked " + archive.info().name() + " by its name, but it is "
                    + "a backup of " + manifest.databaseName() + ", not of " + latest.database().get() + " (an "
                    + "encrypted archive's name cannot tell a database from a label); name the archive instead "
                    + "(lifeboat list shows them)");
        }
    }

    /**
     * Every archive (of one database, when given) with its manifest or the reason it is unreadable, newest first.
     * An unreadable archive counts as the database's its name says.
     */
    List<BackupListing> listing(Optional<String> database) {
        return listing(database, archive -> new LastVerification.Never());
    }

    /** As {@link #listing(Optional)}, each archive with its last verification as {@code verification} tells it. */
    List<BackupListing> listing(Optional<String> database, Function<StoredArchive, LastVerification> verification) {
        return repository.list().stream()
                .map(archive -> Map.entry(archive, describe(archive)))
                .filter(entry -> database.isEmpty() || belongsTo(entry.getValue(), database.get()))
                .map(entry -> entry.getValue().withVerification(verification.apply(entry.getKey())))
                .sorted(NEWEST_FIRST)
                .toList();
    }

    /**
     * Opens an archive for reading; an encrypted one is decrypted into scratch space first, deleted when the reader
     * is closed (see {@link ArchiveDecryption}).
     *
     * @throws InvalidUsageException        when the archive is encrypted and no identity was given
     * @throws UnavailableException         when the identity matches none of the archive's recipients
     * @throws VerificationFailedException when the archive is damaged
     */
    ArchiveReader open(StoredArchive archive) {
        if (archive.info().name().encrypted()) {
            return decryption.open(archive);
        }
        return codec.open(archive.open(), archive.info().name().value());
    }

    /**
     * The identity for an encrypted archive.
     *
     * @throws InvalidUsageException when the user gave none
     */
    IdentityFile requireIdentity(StoredArchive archive) {
        return decryption.requireIdentity(archive);
    }

    ArchiveKeys keys() {
        return keys;
    }

    /** What was removed before decrypting, as "removed NAME, left by an interrupted run", since last asked. */
    List<String> takeRemovedLeftovers() {
        return decryption.takeRemovedLeftovers();
    }

    /**
     * From the repository's copy of the manifest when it keeps one (reading it is cheap where opening an archive is
     * not), else, or when the copy is damaged, from the archive itself.
     */
    private BackupListing describe(StoredArchive archive) {
        if (archive.info().name().encrypted()) {
            return BackupListing.encrypted(archive.info());
        }
        Optional<String> copy = archive.manifestCopy();
        if (copy.isPresent()) {
            try {
                Manifest manifest = codec.readManifest(copy.get(), archive.info().name().value());
                return new BackupListing(archive.info(), Optional.of(manifest), Optional.empty());
            } catch (VerificationFailedException | IncompatibleException e) {
                // the archive itself says what is wrong, if anything
            }
        }
        try (ArchiveReader reader = open(archive)) {
            return new BackupListing(archive.info(), Optional.of(reader.manifest()), Optional.empty());
        } catch (VerificationFailedException | UnavailableException e) {
            return new BackupListing(archive.info(), Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    /** An archive by its name, with or without its suffix: a stem finds the archive plain or encrypted. */
    private StoredArchive byName(String name) {
        boolean suffixed = name.endsWith(BackupName.SUFFIX) || name.endsWith(BackupName.ENCRYPTED_SUFFIX);
        String fileName = suffixed ? name : name + BackupName.SUFFIX;
        if (!BackupName.isArchiveName(fileName)) {
            throw new InvalidUsageException("'" + name + "' is not an archive name; archives are named like "
                    + "chinook_2026-11-24T10-58-24Z" + BackupName.SUFFIX);
        }
        BackupName archive = new BackupName(fileName);
        return repository.find(archive)
                .or(() -> suffixed ? Optional.empty() : repository.find(archive.twin()))
                .orElseThrow(() -> new UnavailableException("no backup named " + name + " in " + repository.location()
                        + " (lifeboat list shows what there is)"));
    }
}
