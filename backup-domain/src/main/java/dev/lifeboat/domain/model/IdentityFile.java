package dev.lifeboat.domain.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file holding the private keys (identities) that decrypt archives. The domain knows only where the file is; its
 * content is read by the encryption adapter alone, so a secret key never passes through a model, a message or a log.
 *
 * @param path where the file is
 */
public record IdentityFile(Path path) {

    public IdentityFile {
        Objects.requireNonNull(path, "path");
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
