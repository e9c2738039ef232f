package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Recipient;
import dev.lifeboat.domain.policy.BackupNaming;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to back up one database.
 *
 * @param source        the database
 * @param engineId      the engine to use, when the location alone does not say
 * @param label         a label for the archive name, such as {@code nightly}
 * @param compression   how parts are compressed
 * @param lockTimeout   how long to wait for a repository another run holds
 * @param verify        whether to verify the archive deeply right after writing it
 * @param engineOptions engine options
 * @param recipients    the public keys to encrypt the archive to; none for an archive that is not encrypted
 */
public record CreateBackupCommand(DatabaseLocation source, Optional<String> engineId, Optional<String> label,
                                  CompressionSettings compression, Duration lockTimeout, boolean verify,
                                  Map<String, String> engineOptions, List<Recipient> recipients) {

    public CreateBackupCommand {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(engineId, "engineId");
        Objects.requireNonNull(label, "label");
        label.ifPresent(BackupNaming::requireValidLabel);
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        if (lockTimeout.isNegative()) {
            throw new InvalidUsageException("the lock timeout must not be negative");
        }
        engineOptions = Map.copyOf(engineOptions);
        recipients = List.copyOf(recipients);
    }

    /** An unencrypted backup. */
    public CreateBackupCommand(DatabaseLocation source, Optional<String> engineId, Optional<String> label,
                               CompressionSettings compression, Duration lockTimeout, boolean verify,
                               Map<String, String> engineOptions) {
        this(source, engineId, label, compression, lockTimeout, verify, engineOptions, List.of());
    }

    /** Whether the archive is to be encrypted. */
    public boolean encrypted() {
        return !recipients.isEmpty();
    }

    public CreateBackupCommand withRecipients(List<Recipient> newRecipients) {
        return new CreateBackupCommand(source, engineId, label, compression, lockTimeout, verify, engineOptions,
                newRecipients);
    }

    /** A backup with defaults: engine by location, no label, zstd level 3, no waiting for a lock, no verification. */
    public static CreateBackupCommand of(DatabaseLocation source) {
        return new CreateBackupCommand(source, Optional.empty(), Optional.empty(), CompressionSettings.DEFAULT,
                Duration.ZERO, false, Map.of());
    }

    public CreateBackupCommand withLabel(String newLabel) {
        return new CreateBackupCommand(source, engineId, Optional.of(newLabel), compression, lockTimeout, verify,
                engineOptions);
    }
}
