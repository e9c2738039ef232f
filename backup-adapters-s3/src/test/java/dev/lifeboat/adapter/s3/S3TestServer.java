package dev.lifeboat.adapter.s3;

import java.net.URI;
import java.util.Map;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A real S3 server in this process: s3proxy over an in-memory store, answering on 127.0.0.1 at a free port with
 * signature checking on (a fixed access key and secret). It speaks the real protocol, multipart uploads and
 * conditional writes included, but has no object lock. Incomplete uploads are listed with the time they started, as
 * S3 lists them ({@link UploadStartTimes}). Shipped in the test-jar for backup-it.
 *
 * <pre>{@code
 * try (S3TestServer server = S3TestServer.start()) {
 *     server.createBucket("backups");
 *     BackupRepository repository = new S3RepositoryProvider().open("s3://backups/prod", server.settings(), true);
 * }
 * }</pre>
 */
public final class S3TestServer implements AutoCloseable {

    public static final String ACCESS_KEY_ID = "lifeboat-test-key";
    public static final String SECRET_ACCESS_KEY = "lifeboat-test-secret-0123456789";

    private final S3Proxy proxy;
    private final URI endpoint;
    private final S3Client client;

    private S3TestServer(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.client = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                // s3proxy may answer an aws-chunked upload before its last piece arrives, failing the client's write
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                .build();
    }

    /** Starts a server with no buckets. */
    public static S3TestServer start() {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
                .build();
        UploadStartTimes.install(proxy);
        try {
            proxy.start();
            while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("the in-process S3 server did not start", e);
        }
        return new S3TestServer(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()));
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Creates an empty bucket. */
    public void createBucket(String bucket) {
        client.createBucket(request -> request.bucket(bucket));
    }

    /** A client of this server with the right credentials, for a test to look at or plant objects. */
    public S3Client client() {
        return client;
    }

    /** The repository settings that reach this server with the right credentials, by setting name. */
    public Map<String, String> settingValues() {
        return Map.of(
                S3Settings.ENDPOINT, endpoint.toString(),
                S3Settings.REGION, "us-east-1",
                S3Settings.PROVIDER, "other",
                S3Settings.ACCESS_KEY_ID, ACCESS_KEY_ID,
                S3Settings.SECRET_ACCESS_KEY, SECRET_ACCESS_KEY);
    }

    /** The same as {@link #settingValues()}, ready for {@code BackupRepositoryProvider.open}. */
    public dev.lifeboat.domain.model.RepositorySettings settings() {
        return new dev.lifeboat.domain.model.RepositorySettings(settingValues());
    }

    /** The environment of a lifeboat process that reaches this server with the right credentials. */
    public Map<String, String> environment() {
        return Map.of(
                "LIFEBOAT_S3_ENDPOINT", endpoint.toString(),
                "LIFEBOAT_S3_REGION", "us-east-1",
                "LIFEBOAT_S3_PROVIDER", "other",
                "AWS_ACCESS_KEY_ID", ACCESS_KEY_ID,
                "AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
    }

    @Override
    public void close() {
        client.close();
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the in-process S3 server did not stop", e);
        }
    }
}
