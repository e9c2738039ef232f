package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.spi.Progress;

/** Proves a backup is intact (checksums) and, deeply, that it restores to the data it recorded. */
public interface VerifyBackupUseCase {

    /** Verifies; a report with failed checks is returned, not thrown, so every finding can be shown. */
    VerifyReport verify(VerifyBackupCommand command, Progress progress);
}
