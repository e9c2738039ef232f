package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.model.ArchiveInfo;
import dev.lifeboat.domain.model.LastVerification;
import dev.lifeboat.domain.model.Manifest;
import java.util.Objects;
import java.util.Optional;

/**
 * One archive in a listing: its manifest, or why it could not be read; or, for an encrypted archive, neither (its
 * manifest is inside the ciphertext, and a listing never decrypts).
 *
 * @param archive  the archive
 * @param manifest its manifest, when readable
 * @param problem  why the manifest could not be read
 * @param verification what the repository remembers of its last verification
 */
public record BackupListing(ArchiveInfo archive, Optional<Manifest> manifest, Optional<String> problem,
                            LastVerification verification) {

    public BackupListing {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(verification, "verification");
        if (archive.name().encrypted()) {
            if (manifest.isPresent() || problem.isPresent()) {
                throw new IllegalArgumentException("an encrypted archive is listed from its name alone");
            }
        } else if (manifest.isPresent() == problem.isPresent()) {
            throw new IllegalArgumentException("a listing has either a manifest or a problem");
        }
    }

    /** A listing that does not say whether the archive was verified. */
    public BackupListing(ArchiveInfo archive, Optional<Manifest> manifest, Optional<String> problem) {
        this(archive, manifest, problem, new LastVerification.Never());
    }

    /** An encrypted archive, known from its name and size alone. */
    public static BackupListing encrypted(ArchiveInfo archive) {
        return new BackupListing(archive, Optional.empty(), Optional.empty());
    }

    /** The same listing, with what is known of its last verification. */
    public BackupListing withVerification(LastVerification last) {
        return new BackupListing(archive, manifest, problem, last);
    }

    /** Whether the archive is encrypted, so only its name, size and time are known without its identity. */
    public boolean encrypted() {
        return archive.name().encrypted();
    }
}
