package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.error.InvalidUsageException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to copy backups to another repository.
 *
 * @param backup      the backup to copy; empty for every archive of the source, oldest first
 * @param dryRun      decide and report, write nothing
 * @param lockTimeout how long to wait for a target repository another run holds
 */
public record CopyBackupsCommand(Optional<BackupReference> backup, boolean dryRun, Duration lockTimeout) {

    public CopyBackupsCommand {
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        if (lockTimeout.isNegative()) {
            throw new InvalidUsageException("the lock timeout must not be negative");
        }
    }

    /** Every archive of the source. */
    public static CopyBackupsCommand all(boolean dryRun, Duration lockTimeout) {
        return new CopyBackupsCommand(Optional.empty(), dryRun, lockTimeout);
    }

    /** One backup: by name, or the newest (of a database). */
    public static CopyBackupsCommand one(BackupReference backup, boolean dryRun, Duration lockTimeout) {
        return new CopyBackupsCommand(Optional.of(backup), dryRun, lockTimeout);
    }
}
