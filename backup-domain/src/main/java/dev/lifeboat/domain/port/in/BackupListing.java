package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.model.ArchiveInfo;
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
 */
public record BackupListing(ArchiveInfo archive, Optional<Manifest> manifest, Optional<String> problem) {

    public BackupListing {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(problem, "problem");
        if (archive.name().encrypted()) {
            if (manifest.isPresent() || problem.isPresent()) {
                throw new IllegalArgumentException("an encrypted archive is listed from its name alone");
            }
        } else if (manifest.isPresent() == problem.isPresent()) {
            throw new IllegalArgumentException("a listing has either a manifest or a problem");
        }
    }

    /** An encrypted archive, known from its name and size alone. */
    public static BackupListing encrypted(ArchiveInfo archive) {
        return new BackupListing(archive, Optional.empty(), Optional.empty());
    }

    /** Whether the archive is encrypted, so only its name, size and time are known without its identity. */
    public boolean encrypted() {
        return archive.name().encrypted();
    }
}
