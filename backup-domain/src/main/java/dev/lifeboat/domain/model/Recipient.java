package dev.lifeboat.domain.model;

import java.util.Objects;

/**
 * A public key an archive is encrypted to, as its user writes it ({@code age1...}). Not a secret: it may be shown,
 * logged and kept in a configuration file. Only the encryption adapter knows whether the text is a valid key (see
 * {@link dev.lifeboat.domain.spi.ArchiveEncryption#parseRecipient}).
 *
 * @param value the key's text
 */
public record Recipient(String value) {

    public Recipient {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a recipient is not blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
