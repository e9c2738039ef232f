package dev.lifeboat.domain.service;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.model.IdentityFile;
import dev.lifeboat.domain.spi.ArchiveEncryption;
import java.util.Objects;
import java.util.Optional;

/**
 * What a service has for encrypted archives: the encryption adapter, when this build has one, and the identity file
 * the user gave, when they gave one.
 *
 * @param encryption the encryption adapter
 * @param identity   the file of identities that decrypt archives
 */
public record ArchiveKeys(Optional<ArchiveEncryption> encryption, Optional<IdentityFile> identity) {

    /** No encryption adapter and no identity: encrypted archives are listed, and refused where they must be read. */
    public static final ArchiveKeys NONE = new ArchiveKeys(Optional.empty(), Optional.empty());

    public ArchiveKeys {
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(identity, "identity");
    }

    /**
     * The encryption adapter.
     *
     * @throws InvalidUsageException when this build has none
     */
    ArchiveEncryption requireEncryption(String why) {
        return encryption.orElseThrow(() -> new InvalidUsageException(why + ", but this lifeboat was built without "
                + "an encryption adapter (backup-adapters-age)"));
    }
}
