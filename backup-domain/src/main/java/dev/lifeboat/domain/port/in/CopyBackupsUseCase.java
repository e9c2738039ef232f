package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.spi.Progress;

/**
 * Copies archives with their checksums from one repository to another (a local directory to object storage and
 * back), skipping what the target already has and checking every SHA-256 on the way.
 */
public interface CopyBackupsUseCase {

    /**
     * Copies; an archive refused or failed is reported, not thrown, so the others are still copied and every finding
     * can be shown. What stops the whole run (the target's lock, its space, a storage failure) is thrown.
     */
    CopyReport copy(CopyBackupsCommand command, Progress progress);
}
