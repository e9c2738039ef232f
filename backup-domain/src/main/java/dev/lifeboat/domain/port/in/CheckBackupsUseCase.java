package dev.lifeboat.domain.port.in;

import java.time.Duration;
import java.util.List;

/**
 * Whether the backups are fine, without reading them: from manifests and verification records only.
 */
public interface CheckBackupsUseCase {

    /** The databases the repository has backups of (safety backups left out), sorted. */
    List<String> databases();

    /** How one database's backups stand against the age allowed. */
    DatabaseFreshness check(String database, Duration maxAge);
}
