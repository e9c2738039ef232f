package dev.lifeboat.adapter.s3;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Builds the S3 client of a repository: the JDK's HttpURLConnection as the HTTP client (the only one on the class
 * path), the provider's quirks, and bounded retries with backoff for throttling, 5xx answers and dropped connections.
 */
final class S3Clients {

    /** The first try and three retries, about 0.1, 0.2 and 0.4 s apart (with jitter, and longer when throttled). */
    static final int MAX_ATTEMPTS = 4;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** A part of 16 MiB goes up well within this even on a slow link; a silent server is given up on after it. */
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(120);
    private static final Region DEFAULT_REGION = Region.US_EAST_1;
    private static final String MAX_CONNECTIONS_PROPERTY = "http.maxConnections";

    private S3Clients() {
    }

    static S3Client create(S3Settings settings) {
        return create(settings, List.of());
    }

    /** @param interceptors what sees every request; tests record or fail requests with them */
    static S3Client create(S3Settings settings, List<ExecutionInterceptor> interceptors) {
        keepEnoughConnectionsAlive();
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT)
                        .build())
                .credentialsProvider(credentials(settings))
                .forcePathStyle(settings.usesPathStyle())
                // a body sent whole with its length rather than in signed aws-chunked pieces, which GCS rejects and
                // some servers answer before the last piece arrives, failing the upload they stored
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .overrideConfiguration(configuration -> {
                    configuration.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                            .maxAttempts(MAX_ATTEMPTS)
                            .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100),
                                    Duration.ofSeconds(5)))
                            .build());
                    interceptors.forEach(configuration::addExecutionInterceptor);
                });
        settings.endpoint().ifPresent(builder::endpointOverride);
        builder.region(settings.region().map(Region::of).orElse(DEFAULT_REGION));
        if (settings.region().isEmpty() && settings.endpoint().isEmpty()) {
            // AWS S3 without a region: the client follows the bucket's region from the redirect it is given
            builder.crossRegionAccessEnabled(true);
        }
        if (settings.provider().checksumsOnlyWhenRequired()) {
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

    /**
     * HttpURLConnection keeps 5 idle connections per host unless told otherwise, so most of the 16 manifest copies a
     * listing reads at once ({@link S3Listing#CONCURRENT_READS}) would each open a new connection (a TLS handshake
     * on a real service). The JDK reads the property when it first caches a connection; a value the user set wins.
     */
    private static void keepEnoughConnectionsAlive() {
        if (System.getProperty(MAX_CONNECTIONS_PROPERTY) == null) {
            System.setProperty(MAX_CONNECTIONS_PROPERTY, String.valueOf(S3Listing.CONCURRENT_READS + 4));
        }
    }

    /**
     * An access key from the environment when both its parts are set; otherwise the SDK's default chain (environment,
     * the profile's files, container and instance roles), from the profile when one is given.
     */
    private static AwsCredentialsProvider credentials(S3Settings settings) {
        if (settings.credentials().isPresent()) {
            S3Settings.AccessKey key = settings.credentials().get();
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(key.id(), key.secret()));
        }
        DefaultCredentialsProvider.Builder chain = DefaultCredentialsProvider.builder();
        settings.profile().ifPresent(chain::profileName);
        return chain.build();
    }
}
