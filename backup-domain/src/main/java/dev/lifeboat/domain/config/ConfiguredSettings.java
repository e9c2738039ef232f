package dev.lifeboat.domain.config;

import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.policy.RetentionPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings a configuration file gives for all databases, or for one (where they override those for all).
 *
 * @param repository  the repository
 * @param lockTimeout how long to wait for a repository another run holds
 * @param compression how parts are compressed
 * @param keep        the retention policy applied after each backup
 * @param notification where and when to send each run's result
 * @param encryption   whom backups are encrypted to, and which identity decrypts them
 * @param checkMaxAge  how old the newest backup may be before {@code lifeboat check} calls it stale
 */
public record ConfiguredSettings(Optional<Configured<String>> repository, Optional<Configured<Duration>> lockTimeout,
                                 Optional<Configured<CompressionSettings>> compression,
                                 Optional<Configured<RetentionPolicy>> keep,
                                 Optional<Configured<Notification>> notification,
                                 Optional<Configured<EncryptionSettings>> encryption,
                                 Optional<Configured<Duration>> checkMaxAge) {

    public ConfiguredSettings {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(keep, "keep");
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(checkMaxAge, "checkMaxAge");
    }

    /** Settings without a max-age for {@code check}. */
    public ConfiguredSettings(Optional<Configured<String>> repository, Optional<Configured<Duration>> lockTimeout,
                              Optional<Configured<CompressionSettings>> compression,
                              Optional<Configured<RetentionPolicy>> keep,
                              Optional<Configured<Notification>> notification,
                              Optional<Configured<EncryptionSettings>> encryption) {
        this(repository, lockTimeout, compression, keep, notification, encryption, Optional.empty());
    }

    /** Settings without encryption. */
    public ConfiguredSettings(Optional<Configured<String>> repository, Optional<Configured<Duration>> lockTimeout,
                              Optional<Configured<CompressionSettings>> compression,
                              Optional<Configured<RetentionPolicy>> keep,
                              Optional<Configured<Notification>> notification) {
        this(repository, lockTimeout, compression, keep, notification, Optional.empty());
    }

    public static ConfiguredSettings none() {
        return new ConfiguredSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** These settings, with every one that {@code specific} sets taken from it instead. */
    public ConfiguredSettings overriddenBy(ConfiguredSettings specific) {
        return new ConfiguredSettings(specific.repository.or(() -> repository),
                specific.lockTimeout.or(() -> lockTimeout), specific.compression.or(() -> compression),
                specific.keep.or(() -> keep), specific.notification.or(() -> notification),
                specific.encryption.or(() -> encryption), specific.checkMaxAge.or(() -> checkMaxAge));
    }
}
