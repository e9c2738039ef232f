package dev.lifeboat.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An archive as stored: its name, where it is, how big, since when.
 *
 * @param name       the archive's name
 * @param location   where it is, for people (a path)
 * @param sizeBytes  its size
 * @param modifiedAt when it was last written
 */
public record ArchiveInfo(BackupName name, String location, long sizeBytes, Instant modifiedAt) {

    public ArchiveInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(modifiedAt, "modifiedAt");
    }
}
