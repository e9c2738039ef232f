package dev.lifeboat.domain.port.in;

/** Shows what an archive records about itself. */
public interface InspectBackupUseCase {

    Inspection inspect(BackupReference backup);
}
