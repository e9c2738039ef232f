package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.contract.DirectoryScratch;
import dev.lifeboat.domain.contract.InMemoryParts;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RestoreJob;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A backup taken into memory, ready to restore in tests. */
record BackedUp(EngineBackup result, InMemoryParts parts, Manifest manifest) {

    static BackedUp of(Path source, Path scratchDirectory) {
        InMemoryParts parts = new InMemoryParts();
        try (DirectoryScratch scratch = new DirectoryScratch(scratchDirectory)) {
            EngineBackup result = new SqliteEngine().backup(new BackupJob(DatabaseLocation.of(source.toString()),
                    Map.of(), parts, scratch, Progress.NONE));
            return new BackedUp(result, parts, RoundTripTest.manifest(result, parts));
        }
    }

    /** A backup that may take its snapshot only the given ways, with a test acting at the moments it offers. */
    static BackedUp of(Path source, Path scratchDirectory, SnapshotBackup.Route route,
                       PinnedSnapshot.Observer observer) {
        InMemoryParts parts = new InMemoryParts();
        try (DirectoryScratch scratch = new DirectoryScratch(scratchDirectory)) {
            DatabaseLocation location = DatabaseLocation.of(source.toString());
            EngineBackup result = SnapshotBackup.run(new BackupJob(location, Map.of(), parts, scratch,
                    Progress.NONE), SqliteLocation.require(location), route, observer);
            return new BackedUp(result, parts, RoundTripTest.manifest(result, parts));
        }
    }

    /** How the snapshot was taken, as the manifest records it. */
    String snapshotMethod() {
        return result.description().properties().get("snapshot");
    }

    RestoreJob restoreTo(Path target, boolean replace) {
        return restoreTo(target, replace, manifest);
    }

    RestoreJob restoreTo(Path target, boolean replace, Manifest withManifest) {
        return new RestoreJob(withManifest, parts, DatabaseLocation.of(target.toString()), replace, Optional.empty(),
                Map.of(), Progress.NONE);
    }

    /** A restore over a target whose data was just saved, as the restore use case runs it. */
    RestoreJob restoreOver(Path target, Fingerprint asSaved) {
        return new RestoreJob(manifest, parts, DatabaseLocation.of(target.toString()), true, Optional.of(asSaved),
                Map.of(), Progress.NONE);
    }
}
