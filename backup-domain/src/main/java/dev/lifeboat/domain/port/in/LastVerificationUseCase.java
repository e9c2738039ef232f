package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.model.LastVerification;
import dev.lifeboat.domain.spi.StoredArchive;

/** The last recorded verification of an archive in a repository, as list, check and report show it. */
public interface LastVerificationUseCase {

    /**
     * The archive's last recorded verification; a damaged, newer or outdated record is
     * {@link LastVerification.Ignored}.
     *
     * @throws dev.lifeboat.domain.error.UnavailableException when the repository cannot be read
     */
    LastVerification last(StoredArchive archive);
}
