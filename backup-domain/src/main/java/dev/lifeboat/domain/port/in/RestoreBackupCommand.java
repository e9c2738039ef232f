package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Recipient;
import dev.lifeboat.domain.policy.SchemaVersionGuard;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to restore a backup.
 *
 * @param backup        which backup
 * @param target        where to restore; empty for the location the backup was taken from
 * @param overwrite     whether a target holding data may be replaced (its current state is backed up first)
 * @param lockTimeout   how long to wait for the repository when a safety backup must be written
 * @param engineOptions engine options
 * @param safetyRecipients the public keys the backup of a replaced target's data is encrypted to; none for an
 *                         unencrypted one
 * @param maxSchemaVersion the newest schema version the restore may bring back; empty for no limit
 */
public record RestoreBackupCommand(BackupReference backup, Optional<DatabaseLocation> target, boolean overwrite,
                                   Duration lockTimeout, Map<String, String> engineOptions,
                                   List<Recipient> safetyRecipients, Optional<SchemaVersionGuard> maxSchemaVersion) {

    public RestoreBackupCommand {
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        if (lockTimeout.isNegative()) {
            throw new InvalidUsageException("the lock timeout must not be negative");
        }
        engineOptions = Map.copyOf(engineOptions);
        safetyRecipients = List.copyOf(safetyRecipients);
        Objects.requireNonNull(maxSchemaVersion, "maxSchemaVersion");
    }

    /** A restore without a schema version limit. */
    public RestoreBackupCommand(BackupReference backup, Optional<DatabaseLocation> target, boolean overwrite,
                                Duration lockTimeout, Map<String, String> engineOptions,
                                List<Recipient> safetyRecipients) {
        this(backup, target, overwrite, lockTimeout, engineOptions, safetyRecipients, Optional.empty());
    }

    /** This restore, refusing a backup whose schema version is newer than the guard allows. */
    public RestoreBackupCommand withMaxSchemaVersion(Optional<SchemaVersionGuard> guard) {
        return new RestoreBackupCommand(backup, target, overwrite, lockTimeout, engineOptions, safetyRecipients, guard);
    }

    /** A restore whose safety backup, if any, is not encrypted. */
    public RestoreBackupCommand(BackupReference backup, Optional<DatabaseLocation> target, boolean overwrite,
                                Duration lockTimeout, Map<String, String> engineOptions) {
        this(backup, target, overwrite, lockTimeout, engineOptions, List.of());
    }
}
