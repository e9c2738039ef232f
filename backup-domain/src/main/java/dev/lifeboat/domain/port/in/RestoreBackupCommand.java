package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Recipient;
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
 */
public record RestoreBackupCommand(BackupReference backup, Optional<DatabaseLocation> target, boolean overwrite,
                                   Duration lockTimeout, Map<String, String> engineOptions,
                                   List<Recipient> safetyRecipients) {

    public RestoreBackupCommand {
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        if (lockTimeout.isNegative()) {
            throw new InvalidUsageException("the lock timeout must not be negative");
        }
        engineOptions = Map.copyOf(engineOptions);
        safetyRecipients = List.copyOf(safetyRecipients);
    }

    /** A restore whose safety backup, if any, is not encrypted. */
    public RestoreBackupCommand(BackupReference backup, Optional<DatabaseLocation> target, boolean overwrite,
                                Duration lockTimeout, Map<String, String> engineOptions) {
        this(backup, target, overwrite, lockTimeout, engineOptions, List.of());
    }
}
