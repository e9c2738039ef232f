package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.policy.RetentionPolicy;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** What a report shows of each database, from the listing and the verification records, never from the archives. */
public interface BackupHistoryUseCase {

    /**
     * The history of each database with backups in the repository, by name.
     *
     * @param maxAge    the max-age of each database
     * @param retention the retention policy of each database
     */
    List<DatabaseHistory> histories(Function<String, Duration> maxAge, Function<String, RetentionPolicy> retention);
}
