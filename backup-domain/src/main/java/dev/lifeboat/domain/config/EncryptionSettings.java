package dev.lifeboat.domain.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A configuration file's encryption settings: the public keys backups are encrypted to, and where the identity that
 * decrypts them is. Neither is a secret: the identity's content is never in the file, only its path.
 *
 * @param recipients the public keys, as written (checked by the encryption adapter when a backup uses them)
 * @param identity   the identity file, for restore, verify and inspect
 */
public record EncryptionSettings(List<String> recipients, Optional<Path> identity) {

    public EncryptionSettings {
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(identity, "identity");
    }
}
