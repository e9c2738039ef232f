package dev.lifeboat.cli;

import dev.lifeboat.domain.model.RepositorySetting;
import dev.lifeboat.domain.model.RepositorySettings;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.BackupRepositoryProvider;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A second kind of repository for the command line's tests, found through a test-only META-INF/services file:
 * {@code stand-in:///ABSOLUTE/DIR} opens the directory through the filesystem kind. Its id is {@code s3} and it
 * declares the S3 repository's settings, so the configuration file's {@code [s3]} table and the S3 environment
 * variables reach it exactly as they reach the real one, while the real one (which accepts {@code s3://}) is neither
 * needed nor in the way. It remembers the settings it was last opened with, for the tests to check.
 */
public final class StandInObjectStoreProvider implements BackupRepositoryProvider {

    static final String SCHEME = "stand-in://";
    private static final AtomicReference<RepositorySettings> LAST_OPENED = new AtomicReference<>();

    static final List<RepositorySetting> SETTINGS = List.of(
            new RepositorySetting("endpoint", List.of("LIFEBOAT_S3_ENDPOINT", "AWS_ENDPOINT_URL_S3"), "the endpoint", false),
            new RepositorySetting("region", List.of("LIFEBOAT_S3_REGION", "AWS_REGION"), "the region", false),
            new RepositorySetting("path-style", List.of("LIFEBOAT_S3_PATH_STYLE"), "path-style addressing", false),
            new RepositorySetting("provider", List.of("LIFEBOAT_S3_PROVIDER"), "the provider's quirks", false),
            new RepositorySetting("profile", List.of("AWS_PROFILE"), "the AWS profile", false),
            new RepositorySetting("object-lock-mode", List.of(), "object lock mode", false),
            new RepositorySetting("object-lock-days", List.of(), "object lock days", false),
            new RepositorySetting("lock-lease", List.of("LIFEBOAT_S3_LOCK_LEASE"), "the lock's lease", false),
            new RepositorySetting("host-name", List.of("LIFEBOAT_HOST_NAME"), "the host name in the lock", false),
            new RepositorySetting("access-key-id", List.of("AWS_ACCESS_KEY_ID"), "the access key", false),
            new RepositorySetting("secret-access-key", List.of("AWS_SECRET_ACCESS_KEY"), "the secret key", true));

    public StandInObjectStoreProvider() {
        // found with ServiceLoader
    }

    /** The settings of the last repository opened, if any was. */
    static Optional<RepositorySettings> lastOpened() {
        return Optional.ofNullable(LAST_OPENED.get());
    }

    static void forget() {
        LAST_OPENED.set(null);
    }

    @Override
    public String id() {
        return "s3";
    }

    @Override
    public boolean accepts(String location) {
        return location.startsWith(SCHEME);
    }

    @Override
    public List<RepositorySetting> settings() {
        return SETTINGS;
    }

    @Override
    public BackupRepository open(String location, RepositorySettings settings, boolean create) {
        LAST_OPENED.set(settings);
        BackupRepositoryProvider filesystem = ServiceLoader.load(BackupRepositoryProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(provider -> provider.id().equals("filesystem")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the filesystem repository is not on the class path"));
        return filesystem.open(location.substring(SCHEME.length()), create);
    }
}
