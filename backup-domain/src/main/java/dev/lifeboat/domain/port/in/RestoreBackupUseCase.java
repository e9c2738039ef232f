package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.port.out.Progress;

/** Restores a backup, never leaving a half-restored target and never losing the data it replaces. */
public interface RestoreBackupUseCase {

    /** What the restore would do; changes nothing. */
    RestorePlan plan(RestoreBackupCommand command);

    RestoreReport restore(RestoreBackupCommand command, Progress progress);
}
