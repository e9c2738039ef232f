package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.model.RepositorySettings;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * An {@link S3TestServer} for a test class: started before its first test, closed after its last, with a bucket of
 * its own for each test that asks, and what a test plants in or reads from a bucket behind the repository's back.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final S3ServerExtension S3 = new S3ServerExtension();
 *
 * @BeforeEach
 * void newBucket() {
 *     bucket = S3.newBucket();
 * }
 * }</pre>
 */
final class S3ServerExtension implements BeforeAllCallback, AfterAllCallback {

    /** Across the JVM, so no two tests share a bucket even where they share a server. */
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private S3TestServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = S3TestServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The running server. */
    S3TestServer server() {
        if (server == null) {
            throw new IllegalStateException("no S3 test server: register the extension in a static field");
        }
        return server;
    }

    /** Creates an empty bucket of a name no other test has had, and returns the name. */
    String newBucket() {
        String name = "bucket-" + BUCKETS.incrementAndGet();
        server().createBucket(name);
        return name;
    }

    /** A new empty bucket with a repository at {@code s3://BUCKET/prod}, seen by requests the interceptors see. */
    S3Bucket newRepositoryBucket(ExecutionInterceptor... interceptors) {
        return bucketAt("s3://" + newBucket() + "/prod", Map.of(), interceptors);
    }

    /** A repository's bucket at the location, which need not exist, with settings added to the server's. */
    S3Bucket bucketAt(String location, Map<String, String> settings, ExecutionInterceptor... interceptors) {
        Map<String, String> values = new HashMap<>(server().settingValues());
        values.putAll(settings);
        S3Settings checked = S3Settings.from(new RepositorySettings(values));
        return new S3Bucket(S3Clients.create(checked, List.of(interceptors)), S3Location.parse(location), checked);
    }

    /** Another view of the same repository: another client, as another process has. */
    S3Bucket sameRepository(S3Bucket bucket, ExecutionInterceptor... interceptors) {
        return bucketAt(bucket.location().toString(), Map.of(), interceptors);
    }

    /** Writes an object under the repository's prefix. */
    void put(S3Bucket bucket, String name, byte[] content) {
        server().client().putObject(request -> request.bucket(bucket.name()).key(bucket.key(name)),
                RequestBody.fromBytes(content));
    }

    /** Writes an object under the repository's prefix. */
    void put(S3Bucket bucket, String name, String content) {
        put(bucket, name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** The content of an object under the repository's prefix, or null when there is none. */
    byte[] get(S3Bucket bucket, String name) {
        try {
            return server().client().getObjectAsBytes(request -> request.bucket(bucket.name()).key(bucket.key(name)))
                    .asByteArray();
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    /** What the lock object says now; fails the test when there is none or it cannot be read. */
    S3LockContent lockContent(S3Bucket bucket) {
        byte[] bytes = get(bucket, S3LockObject.NAME);
        if (bytes == null) {
            throw new AssertionError("no lock object in " + bucket.location());
        }
        return S3LockContent.decode(bytes).orElseThrow(() -> new AssertionError("unreadable lock object"));
    }

    /** The names of the objects under the repository's prefix, deeper ones with their path from there. */
    List<String> names(S3Bucket bucket) {
        String prefix = bucket.location().listingPrefix();
        return server().client().listObjectsV2Paginator(request -> request.bucket(bucket.name()).prefix(prefix))
                .contents().stream().map(object -> object.key().substring(prefix.length())).sorted().toList();
    }
}
