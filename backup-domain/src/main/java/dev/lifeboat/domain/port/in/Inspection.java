package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.model.ArchiveInfo;
import dev.lifeboat.domain.model.Manifest;
import java.util.Objects;

/**
 * An archive's manifest, read and as stored.
 *
 * @param archive          the archive
 * @param manifest         the manifest
 * @param manifestDocument the manifest exactly as stored
 */
public record Inspection(ArchiveInfo archive, Manifest manifest, String manifestDocument) {

    public Inspection {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(manifestDocument, "manifestDocument");
    }
}
