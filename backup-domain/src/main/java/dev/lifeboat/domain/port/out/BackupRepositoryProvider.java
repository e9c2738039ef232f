package dev.lifeboat.domain.port.out;

/**
 * Opens repositories of one kind (a local directory, an object store bucket). Found with
 * {@link java.util.ServiceLoader}.
 */
public interface BackupRepositoryProvider {

    /** A short name for the kind of repository: {@code filesystem}. */
    String id();

    /** Whether this provider handles a repository location such as {@code ./backups} or {@code s3://bucket/x}. */
    boolean accepts(String location);

    /**
     * Opens a repository.
     *
     * @param create whether to create it when missing (for writing); otherwise a missing repository is an error
     * @throws dev.lifeboat.domain.error.UnavailableException when it cannot be opened or created
     */
    BackupRepository open(String location, boolean create);
}
