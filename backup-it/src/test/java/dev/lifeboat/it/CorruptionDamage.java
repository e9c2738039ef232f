package dev.lifeboat.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * One way to damage an archive, applied to a copy of it (its sidecar beside it).
 *
 * @param kind        the family it is counted in, such as {@code flip-part} or {@code truncate-resealed}
 * @param description exactly what it does, to name a damage that went unnoticed
 * @param guard       which of lifeboat's checks must catch it
 * @param action      what it does to the archive at the given path
 */
record CorruptionDamage(String kind, String description, Guard guard, Action action) {

    static final String RESEALED = "-resealed";

    /** Which of lifeboat's checks must catch a damage. */
    enum Guard {
        /** The archive's own checks: sidecar, tar structure, manifest and its seal, part sizes and hashes; verify. */
        ARCHIVE,
        /**
         * Only restoring the data and comparing it with the manifest's fingerprint: verify --deep and restore. A
         * change to the fingerprint itself after which the manifest's seal and the sidecar were made right again.
         */
        RESTORE,
        /**
         * Nothing: a change to what the manifest merely describes (tool version, times, the source's description,
         * options, durations) after which the seal and the sidecar were made right again is an edit, and the data is
         * intact. Such changes are not tried.
         */
        NONE
    }

    /** Changes an archive in place. */
    @FunctionalInterface
    interface Action {
        void apply(Path archive) throws IOException;
    }

    CorruptionDamage(String kind, String description, Action action) {
        this(kind, description, Guard.ARCHIVE, action);
    }

    void applyTo(Path archive) {
        try {
            action.apply(archive);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot apply " + this, e);
        }
    }

    /**
     * The same damage followed by a sidecar recomputed over the damaged archive, so only the archive's own checks
     * remain.
     */
    CorruptionDamage resealed(Guard resealedGuard) {
        return new CorruptionDamage(kind + RESEALED, description + ", sidecar resealed", resealedGuard, archive -> {
            action.apply(archive);
            ArchiveSurgery.resealSidecar(archive);
        });
    }

    CorruptionDamage resealed() {
        return resealed(Guard.ARCHIVE);
    }

    @Override
    public String toString() {
        return kind + ": " + description;
    }
}
