package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.model.ArchiveInfo;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.port.out.TargetState;
import java.util.Objects;

/**
 * What a restore would do ({@code restore --dry-run}, and what a confirmation prompt shows).
 *
 * @param archive     the archive to restore
 * @param manifest    its manifest
 * @param target      where it would go
 * @param targetState what is there now
 */
public record RestorePlan(ArchiveInfo archive, Manifest manifest, DatabaseLocation target, TargetState targetState) {

    public RestorePlan {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(targetState, "targetState");
    }

    /** Whether the restore would replace data that is there now. */
    public boolean replacesData() {
        return targetState == TargetState.OCCUPIED;
    }
}
