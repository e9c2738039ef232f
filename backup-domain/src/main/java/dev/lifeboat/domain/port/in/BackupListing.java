package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.model.ArchiveInfo;
import dev.lifeboat.domain.model.Manifest;
import java.util.Objects;
import java.util.Optional;

/**
 * One archive in a listing: its manifest, or why it could not be read.
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
        if (manifest.isPresent() == problem.isPresent()) {
            throw new IllegalArgumentException("a listing has either a manifest or a problem");
        }
    }
}
