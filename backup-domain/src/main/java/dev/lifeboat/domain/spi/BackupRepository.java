package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.model.BackupName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Where archives are kept. */
public interface BackupRepository {

    /**
     * Where the repository is, for people, in a form its provider accepts as a location (a directory path,
     * {@code s3://bucket/prefix}), so a user can pass it back.
     *
     * @return the location
     */
    String location();

    /**
     * Takes the repository's exclusive lock, waiting up to the timeout.
     *
     * @param timeout how long to wait for another run's lock
     * @param command what the holder is doing, shown to a run that finds the repository locked
     * @return the held lock; closing it releases the lock
     * @throws dev.lifeboat.domain.error.LockedException naming the holder when the lock is still held after the timeout
     */
    RepositoryLock lock(Duration timeout, String command);

    /**
     * Removes files left by runs that crashed (temporary archives, scratch files, lone sidecars) and returns their
     * names. Files of runs still alive are left alone. Call it holding the lock: a lone sidecar is also what another
     * run's commit shows for an instant.
     *
     * @return the names of what was removed, empty when nothing was
     */
    List<String> removeLeftovers();

    /**
     * Starts a new archive under a name not yet taken. Requires the lock.
     *
     * @param name the archive's name
     * @param lock the lock this repository gave out, still held
     * @return the archive being written, invisible until committed
     * @throws dev.lifeboat.domain.error.RefusedException when something already has that name
     * @throws IllegalStateException when the lock is not one this repository gave out, or was released
     */
    NewArchive create(BackupName name, RepositoryLock lock);

    /**
     * Whether the name is taken, by an archive or by anything else.
     *
     * @param name the name
     * @return true when something has that name
     */
    boolean contains(BackupName name);

    /**
     * The archives, in no particular order. Never reads their contents.
     *
     * @return every archive in the repository
     */
    List<StoredArchive> list();

    /**
     * An archive by its name.
     *
     * @param name the archive's name
     * @return the archive, empty when there is none of that name
     */
    Optional<StoredArchive> find(BackupName name);

    /**
     * Deletes an archive with its sidecar and whatever else the repository keeps beside it. Requires the lock.
     *
     * @param name the archive's name
     * @param lock the lock this repository gave out, still held
     * @return false when the repository may not delete it yet (a retention period such as S3 Object Lock's): the
     *         archive stays, whole and readable
     * @throws IllegalStateException when the lock is not one this repository gave out, or was released
     */
    boolean delete(BackupName name, RepositoryLock lock);

    /**
     * Keeps the record of an archive's latest verification beside it (see {@link StoredArchive#verificationRecord()}),
     * replacing the one before. Written whole or not at all, readable by its owner only; it goes with its archive
     * when the archive is deleted, and a record whose archive is gone is a leftover. Needs no lock: a verification
     * changes no archive, and of two at once the later record stays.
     *
     * @param name     the archive's name
     * @param document the record, as {@link VerificationRecordFormat#encode} wrote it
     * @throws dev.lifeboat.domain.error.UnavailableException when it cannot be written (a read-only repository)
     */
    void recordVerification(BackupName name, String document);

    /**
     * Bytes free for new archives.
     *
     * @return the free bytes
     */
    long usableSpace();

    /**
     * Room for temporary files on the repository's file system.
     *
     * @return the scratch space; closing it deletes what was created there
     */
    ScratchSpace openScratch();

    /**
     * What a user must hear on every run that writes into this repository: a guarantee it gives less firmly than a
     * directory does (an object store without conditional writes, where two runs racing for one name or one lock
     * are told apart less surely). Known when the repository is opened; no request is made to tell them.
     *
     * @return the warnings, empty by default
     */
    default List<String> warnings() {
        return List.of();
    }
}
