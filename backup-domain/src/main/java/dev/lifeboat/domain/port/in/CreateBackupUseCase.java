package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.spi.Progress;

/** Backs up a database into the repository. */
public interface CreateBackupUseCase {

    /** What the backup would do; writes nothing. */
    BackupPlan plan(CreateBackupCommand command);

    BackupReport backup(CreateBackupCommand command, Progress progress);
}
