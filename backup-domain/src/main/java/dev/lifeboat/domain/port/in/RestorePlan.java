package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.model.ArchiveInfo;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.SchemaVersion;
import dev.lifeboat.domain.spi.TargetState;
import java.util.Objects;
import java.util.Optional;

/**
 * What a restore would do ({@code restore --dry-run}, and what a confirmation prompt shows).
 *
 * @param archive     the archive to restore
 * @param manifest    its manifest
 * @param target      where it would go
 * @param targetState what is there now
 * @param targetSchemaVersion the schema version of the data there now; empty when there is none, or it records none
 */
public record RestorePlan(ArchiveInfo archive, Manifest manifest, DatabaseLocation target, TargetState targetState,
                          Optional<SchemaVersion> targetSchemaVersion) {

    public RestorePlan {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(targetState, "targetState");
        Objects.requireNonNull(targetSchemaVersion, "targetSchemaVersion");
    }

    /** A plan that does not know the target's schema version. */
    public RestorePlan(ArchiveInfo archive, Manifest manifest, DatabaseLocation target, TargetState targetState) {
        this(archive, manifest, target, targetState, Optional.empty());
    }

    /** The backup's schema version, as its manifest records it; empty for a backup that records none. */
    public Optional<SchemaVersion> archiveSchemaVersion() {
        return SchemaVersion.of(manifest.source().schemaVersion());
    }

    /**
     * Whether the restore would replace data of another schema version than the backup's (one of them recording
     * none counts as different), which a person should hear of before the data is replaced.
     */
    public boolean schemaVersionDiffers() {
        if (!replacesData()) {
            return false;
        }
        Optional<SchemaVersion> backup = archiveSchemaVersion();
        if (backup.isEmpty() || targetSchemaVersion.isEmpty()) {
            return backup.isPresent() != targetSchemaVersion.isPresent();
        }
        return !backup.get().sameAs(targetSchemaVersion.get());
    }

    /** Whether the restore would replace data that is there now. */
    public boolean replacesData() {
        return targetState == TargetState.OCCUPIED;
    }
}
