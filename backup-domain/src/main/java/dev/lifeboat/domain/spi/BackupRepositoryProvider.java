package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.model.RepositorySetting;
import dev.lifeboat.domain.model.RepositorySettings;
import java.util.List;

/**
 * Opens repositories of one kind (a local directory, an object store bucket). Found with
 * {@link java.util.ServiceLoader}.
 */
public interface BackupRepositoryProvider {

    /**
     * A short name for the kind of repository: {@code filesystem}, {@code s3}.
     *
     * @return the name
     */
    String id();

    /**
     * Whether this provider handles a repository location such as {@code ./backups} or {@code s3://bucket/x}.
     *
     * @param location the location as the user gave it
     * @return true when this provider opens it
     */
    boolean accepts(String location);

    /**
     * The settings this kind of repository takes besides its location (an endpoint, a region), which the command
     * line resolves from the environment and the configuration file's table named after {@link #id()}.
     *
     * @return the settings, none by default
     */
    default List<RepositorySetting> settings() {
        return List.of();
    }

    /**
     * Opens a repository.
     *
     * @param location the location, one this provider {@link #accepts}
     * @param settings values of the declared {@link #settings()}, already resolved
     * @param create   whether to create it when missing (for writing); otherwise a missing repository is an error
     * @return the repository
     * @throws dev.lifeboat.domain.error.UnavailableException  when it cannot be opened or created
     * @throws dev.lifeboat.domain.error.InvalidUsageException when the location or a setting is malformed
     */
    BackupRepository open(String location, RepositorySettings settings, boolean create);

    /**
     * Opens a repository with no settings but its location.
     *
     * @param location the location, one this provider {@link #accepts}
     * @param create   whether to create it when missing
     * @return the repository
     */
    default BackupRepository open(String location, boolean create) {
        return open(location, RepositorySettings.none(), create);
    }
}
