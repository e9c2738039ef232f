package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.model.BackupName;
import java.io.OutputStream;
import java.util.Optional;

/**
 * An archive being written into a repository. Until {@link #commit} it is invisible: nothing lists it, and a crash
 * leaves only a temporary file that a later run removes. Closing it without a commit deletes what was written.
 */
public interface NewArchive extends AutoCloseable {

    /**
     * The name the archive gets when committed.
     *
     * @return the name
     */
    BackupName name();

    /**
     * Where the archive's bytes go.
     *
     * @return the stream; the caller does not close it, {@link #commit} and {@link #close} do
     */
    OutputStream output();

    /**
     * Makes the archive durable and visible under its name, with its checksum sidecar: flushed, synced to disk,
     * renamed into place atomically.
     *
     * @param manifestDocument the archive's manifest exactly as the archive holds it; a repository where opening an
     *                         archive is slow (object storage) keeps a copy beside it, so listing need not open
     *                         archives ({@link StoredArchive#manifestCopy()}); others may ignore it. Empty for an
     *                         encrypted archive, whose manifest must never lie beside it in plaintext: the
     *                         repository then keeps no copy.
     * @return the archive, now listed
     * @throws dev.lifeboat.domain.error.RefusedException when something took the name while the archive was
     *                                                    written: this archive is discarded, nothing is replaced
     * @throws IllegalStateException when the archive was already committed or closed, or its lock was released
     */
    StoredArchive commit(Optional<String> manifestDocument);

    /**
     * Commits with a copy of the manifest for listing (see {@link #commit(Optional)}).
     *
     * @param manifestDocument the archive's manifest exactly as the archive holds it
     * @return the archive, now listed
     */
    default StoredArchive commit(String manifestDocument) {
        return commit(Optional.of(manifestDocument));
    }

    /** Deletes the archive unless it was committed. */
    @Override
    void close();
}
