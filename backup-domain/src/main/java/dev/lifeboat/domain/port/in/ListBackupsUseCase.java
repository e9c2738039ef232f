package dev.lifeboat.domain.port.in;

import java.util.List;
import java.util.Optional;

/** Lists the backups in the repository, newest first, reading only their manifests. */
public interface ListBackupsUseCase {

    /** @param database only the backups of this database, when given */
    List<BackupListing> list(Optional<String> database);
}
