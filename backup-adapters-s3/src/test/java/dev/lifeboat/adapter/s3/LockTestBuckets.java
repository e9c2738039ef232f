package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.model.RepositorySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Buckets of the test server for the lock and leftover tests, each test in a bucket of its own. */
final class LockTestBuckets {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private LockTestBuckets() {
    }

    /** A new empty bucket on the server, with a repository at {@code s3://BUCKET/prod}. */
    static S3Bucket create(S3TestServer server, ExecutionInterceptor... interceptors) {
        return create(server, Map.of(), interceptors);
    }

    /** The same, with settings added to the server's (such as a provider). */
    static S3Bucket create(S3TestServer server, Map<String, String> settings, ExecutionInterceptor... interceptors) {
        String name = "lock-test-" + NEXT.incrementAndGet();
        server.createBucket(name);
        return at(server, "s3://" + name + "/prod", settings, interceptors);
    }

    /** A repository's bucket at the location, which need not exist. */
    static S3Bucket at(S3TestServer server, String location, Map<String, String> settings,
                       ExecutionInterceptor... interceptors) {
        Map<String, String> values = new HashMap<>(server.settingValues());
        values.putAll(settings);
        S3Settings checked = S3Settings.from(new RepositorySettings(values));
        return new S3Bucket(S3Clients.create(checked, List.of(interceptors)), S3Location.parse(location), checked);
    }

    /** Another view of the same repository: another client, as another process has. */
    static S3Bucket sameRepository(S3TestServer server, S3Bucket bucket, ExecutionInterceptor... interceptors) {
        return at(server, bucket.location().toString(), Map.of(), interceptors);
    }

    static void put(S3TestServer server, S3Bucket bucket, String name, byte[] content) {
        server.client().putObject(request -> request.bucket(bucket.name()).key(bucket.key(name)),
                RequestBody.fromBytes(content));
    }

    static void put(S3TestServer server, S3Bucket bucket, String name, String content) {
        put(server, bucket, name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The object's content, or null when there is none. */
    static byte[] get(S3TestServer server, S3Bucket bucket, String name) {
        try {
            return server.client().getObjectAsBytes(request -> request.bucket(bucket.name()).key(bucket.key(name)))
                    .asByteArray();
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    /** What the lock object says now; fails the test when there is none or it cannot be read. */
    static S3LockContent lockContent(S3TestServer server, S3Bucket bucket) {
        byte[] bytes = get(server, bucket, S3LockObject.NAME);
        if (bytes == null) {
            throw new AssertionError("no lock object in " + bucket.location());
        }
        return S3LockContent.decode(bytes).orElseThrow(() -> new AssertionError("unreadable lock object"));
    }

    /** The names of the objects under the repository's prefix, deeper ones with their path from there. */
    static List<String> names(S3TestServer server, S3Bucket bucket) {
        String prefix = bucket.location().listingPrefix();
        return server.client().listObjectsV2Paginator(request -> request.bucket(bucket.name()).prefix(prefix))
                .contents().stream().map(object -> object.key().substring(prefix.length())).sorted().toList();
    }

    /** The pid of a process that has ended, so that no process of this host has it (for a while). */
    static long pidOfAFinishedProcess() {
        try {
            Process process = new ProcessBuilder("true").start();
            process.waitFor();
            return process.pid();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
