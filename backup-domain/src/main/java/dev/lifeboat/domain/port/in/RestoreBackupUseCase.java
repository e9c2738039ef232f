package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.spi.Progress;

/** Restores a backup, never leaving a half-restored target and never losing the data it replaces. */
public interface RestoreBackupUseCase {

    /** What the restore would do; changes nothing. */
    RestorePlan plan(RestoreBackupCommand command);

    RestoreReport restore(RestoreBackupCommand command, Progress progress);

    /**
     * Finds and opens the archive once, for a plan, a confirmation and the restore of exactly that archive: an
     * encrypted archive is decrypted once, not once for the plan and again for the restore.
     */
    PreparedRestore prepare(RestoreBackupCommand command);
}
