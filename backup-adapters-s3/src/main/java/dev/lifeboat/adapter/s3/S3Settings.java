package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.model.RepositorySetting;
import dev.lifeboat.domain.model.RepositorySettings;
import dev.lifeboat.domain.policy.Durations;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;

/**
 * The settings of an S3 repository, read and checked from their resolved values.
 *
 * @param endpoint     the service's address when it is not AWS S3 ({@code http://127.0.0.1:9000})
 * @param region       the region; empty when not set
 * @param pathStyle    whether the bucket goes in the path rather than the host name; empty when not set
 * @param provider     which service it is, for its quirks
 * @param profile      the AWS profile to take credentials (and nothing else) from
 * @param objectLock   the retention put on every object written, when set
 * @param lockLease    how long the repository lock stays valid without its holder renewing it
 * @param hostName     the name this host gives in the repository's lock instead of its own; empty when not set
 * @param credentials  an access key given in the environment, used instead of the SDK's default chain
 */
record S3Settings(Optional<URI> endpoint, Optional<String> region, Optional<Boolean> pathStyle, S3Provider provider,
                  Optional<String> profile, Optional<ObjectLockRetention> objectLock, Duration lockLease,
                  Optional<String> hostName, Optional<AccessKey> credentials) {

    static final String ENDPOINT = "endpoint";
    static final String REGION = "region";
    static final String PATH_STYLE = "path-style";
    static final String PROVIDER = "provider";
    static final String PROFILE = "profile";
    static final String OBJECT_LOCK_MODE = "object-lock-mode";
    static final String OBJECT_LOCK_DAYS = "object-lock-days";
    static final String LOCK_LEASE = "lock-lease";
    static final String HOST_NAME = "host-name";
    static final String ACCESS_KEY_ID = "access-key-id";
    static final String SECRET_ACCESS_KEY = "secret-access-key";

    static final Duration DEFAULT_LOCK_LEASE = Duration.ofMinutes(5);
    /** Object lock periods beyond this are almost surely a typo (days for hours); S3 itself allows 100 years. */
    private static final int MAX_OBJECT_LOCK_DAYS = 36_500;
    private static final Pattern REGION_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,49}");
    /** A DNS name's characters and length, plus the underscore that container and VM names use. */
    private static final Pattern HOST_NAME_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

    /** What the command line resolves for an S3 repository, in the precedence of each setting's variables. */
    static final List<RepositorySetting> DECLARED = List.of(
            new RepositorySetting(ENDPOINT, List.of("LIFEBOAT_S3_ENDPOINT", "AWS_ENDPOINT_URL_S3"),
                    "the address of the S3-compatible service (http(s)://host[:port]); unset for AWS S3", false),
            new RepositorySetting(REGION, List.of("LIFEBOAT_S3_REGION", "AWS_REGION"),
                    "the bucket's region (us-east-1 when unset; MinIO, Ceph and most self-hosted servers ignore it)",
                    false),
            new RepositorySetting(PATH_STYLE, List.of("LIFEBOAT_S3_PATH_STYLE"),
                    "true to name the bucket in the path (http://host/bucket/key) rather than the host name; "
                            + "the default is true for MinIO, Ceph and other services given an endpoint", false),
            new RepositorySetting(PROVIDER, List.of("LIFEBOAT_S3_PROVIDER"),
                    "the service, for its quirks: aws (default), minio, r2, b2, gcs, ceph or other", false),
            new RepositorySetting(PROFILE, List.of("AWS_PROFILE"),
                    "the profile in ~/.aws/credentials and ~/.aws/config to take credentials from", false),
            new RepositorySetting(OBJECT_LOCK_MODE, List.of(),
                    "governance or compliance: put S3 Object Lock retention on every archive written "
                            + "(needs object-lock-days and a bucket with Object Lock enabled)", false),
            new RepositorySetting(OBJECT_LOCK_DAYS, List.of(),
                    "how many days each archive written is retained by S3 Object Lock (needs object-lock-mode)",
                    false),
            new RepositorySetting(LOCK_LEASE, List.of("LIFEBOAT_S3_LOCK_LEASE"),
                    "how long the repository lock stays valid unless its holder renews it, such as 5m (the "
                            + "default); a lock whose holder died is taken over from another host after it", false),
            new RepositorySetting(HOST_NAME, List.of("LIFEBOAT_HOST_NAME"),
                    "the name this host gives in the repository's lock; set it where host names are not unique "
                            + "(cloned machines, containers with the same host name on several machines); default: "
                            + "the host's own name (set it in the environment only)", false),
            new RepositorySetting(ACCESS_KEY_ID, List.of("AWS_ACCESS_KEY_ID"),
                    "the access key id; with secret-access-key, used instead of the AWS SDK's default credentials "
                            + "chain (set it in the environment only)", false),
            new RepositorySetting(SECRET_ACCESS_KEY, List.of("AWS_SECRET_ACCESS_KEY"),
                    "the secret access key that goes with access-key-id (set it in the environment only)", true));

    /**
     * Checks and reads resolved values.
     *
     * @throws InvalidUsageException naming the setting when a value is malformed
     */
    static S3Settings from(RepositorySettings values) {
        Optional<URI> endpoint = nonBlank(values, ENDPOINT).map(S3Settings::endpoint);
        Optional<String> region = nonBlank(values, REGION).map(S3Settings::region);
        Optional<Boolean> pathStyle = nonBlank(values, PATH_STYLE).map(S3Settings::bool);
        S3Provider provider = nonBlank(values, PROVIDER).map(S3Provider::parse).orElse(S3Provider.AWS);
        Optional<String> profile = nonBlank(values, PROFILE);
        Optional<ObjectLockRetention> objectLock = objectLock(nonBlank(values, OBJECT_LOCK_MODE),
                nonBlank(values, OBJECT_LOCK_DAYS));
        Duration lease = nonBlank(values, LOCK_LEASE).map(S3Settings::lease).orElse(DEFAULT_LOCK_LEASE);
        Optional<String> hostName = nonBlank(values, HOST_NAME).map(S3Settings::hostName);
        Optional<String> keyId = nonBlank(values, ACCESS_KEY_ID);
        Optional<String> secret = nonBlank(values, SECRET_ACCESS_KEY);
        Optional<AccessKey> credentials = keyId.isPresent() && secret.isPresent()
                ? Optional.of(new AccessKey(keyId.get(), secret.get())) : Optional.empty();
        return new S3Settings(endpoint, region, pathStyle, provider, profile, objectLock, lease, hostName,
                credentials);
    }

    /** Whether requests name the bucket in the path: the setting, else the provider's default. */
    boolean usesPathStyle() {
        return pathStyle.orElseGet(() -> provider.pathStyleByDefault(endpoint.isPresent()));
    }

    /** The service's address for messages: the endpoint, or AWS S3 and its region. */
    String endpointDescription() {
        return endpoint.map(URI::toString).orElseGet(() -> "AWS S3 (" + region.orElse("us-east-1") + ")");
    }

    /**
     * An access key and its secret, given in the environment. The secret is never shown: not by {@link #toString()},
     * not in any message.
     */
    record AccessKey(String id, String secret) {

        @Override
        public String toString() {
            return "AccessKey[id=" + id + ", secret=****]";
        }
    }

    private static Optional<String> nonBlank(RepositorySettings values, String name) {
        return values.value(name).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static URI endpoint(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidUsageException("s3 setting 'endpoint' is not a URL: '" + value + "'; write "
                    + "http(s)://host[:port]", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getUserInfo() != null
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw new InvalidUsageException("s3 setting 'endpoint' is '" + value + "'; write http(s)://host[:port], "
                    + "without credentials, query or fragment");
        }
        return uri;
    }

    private static String region(String value) {
        if (!REGION_NAME.matcher(value).matches()) {
            throw new InvalidUsageException("s3 setting 'region' is '" + value + "', not a region name such as "
                    + "us-east-1 or auto");
        }
        return value;
    }

    private static boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidUsageException("s3 setting 'path-style' is '" + value + "'; it takes true or "
                    + "false");
        };
    }

    private static Duration lease(String value) {
        Duration lease;
        try {
            lease = Durations.parse(value);
        } catch (InvalidUsageException e) {
            throw new InvalidUsageException("s3 setting 'lock-lease' is '" + value + "', not a duration such as 5m or "
                    + "90s", e);
        }
        if (lease.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new InvalidUsageException("s3 setting 'lock-lease' is " + value + "; it must be at least 10s, so "
                    + "that the holder has time to renew it");
        }
        return lease;
    }

    private static String hostName(String value) {
        if (!HOST_NAME_PATTERN.matcher(value).matches()) {
            throw new InvalidUsageException("s3 setting 'host-name' (LIFEBOAT_HOST_NAME) is '" + value + "'; it takes "
                    + "a host name of letters, digits, dots, hyphens and underscores, at most 253 characters, such as "
                    + "db1 or db1.example.com");
        }
        return value;
    }

    private static Optional<ObjectLockRetention> objectLock(Optional<String> mode, Optional<String> days) {
        if (mode.isEmpty() && days.isEmpty()) {
            return Optional.empty();
        }
        if (mode.isEmpty() || days.isEmpty()) {
            throw new InvalidUsageException("s3 settings 'object-lock-mode' and 'object-lock-days' go together: "
                    + "set both (such as governance and 30) or neither");
        }
        ObjectLockMode lockMode = switch (mode.get().toLowerCase(Locale.ROOT)) {
            case "governance" -> ObjectLockMode.GOVERNANCE;
            case "compliance" -> ObjectLockMode.COMPLIANCE;
            default -> throw new InvalidUsageException("s3 setting 'object-lock-mode' is '" + mode.get()
                    + "'; it takes governance or compliance");
        };
        int lockDays;
        try {
            lockDays = Integer.parseInt(days.get());
        } catch (NumberFormatException e) {
            lockDays = -1;
        }
        if (lockDays < 1 || lockDays > MAX_OBJECT_LOCK_DAYS) {
            throw new InvalidUsageException("s3 setting 'object-lock-days' is '" + days.get() + "'; it takes a whole "
                    + "number of days from 1 to " + MAX_OBJECT_LOCK_DAYS);
        }
        return Optional.of(new ObjectLockRetention(lockMode, lockDays));
    }
}
