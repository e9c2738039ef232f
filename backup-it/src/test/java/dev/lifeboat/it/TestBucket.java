package dev.lifeboat.it;

import dev.lifeboat.adapter.s3.S3TestServer;
import java.util.List;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A bucket of the in-process S3 server as a test sees it, through a client that is not lifeboat's: its objects, its
 * incomplete uploads and their parts, and its removal, as a person deleting it by hand would remove it.
 */
final class TestBucket {

    private static final int DELETE_ATTEMPTS = 10;

    private final S3TestServer server;
    private final String name;

    private TestBucket(S3TestServer server, String name) {
        this.server = server;
        this.name = name;
    }

    /** A new, empty bucket with a name of its own. */
    static TestBucket create(S3TestServer server) {
        String name = "fault-" + Long.toHexString(System.nanoTime());
        server.createBucket(name);
        return new TestBucket(server, name);
    }

    String name() {
        return name;
    }

    /** The keys of every object, sorted. */
    List<String> objectNames() {
        return server.client().listObjectsV2Paginator(request -> request.bucket(name)).contents().stream()
                .map(S3Object::key).sorted().toList();
    }

    /** The multipart uploads begun and neither completed nor aborted. */
    List<MultipartUpload> incompleteUploads() {
        return server.client().listMultipartUploads(request -> request.bucket(name)).uploads();
    }

    /** How many parts an incomplete upload has so far. */
    int partsOf(MultipartUpload upload) {
        return server.client().listParts(request -> request.bucket(name).key(upload.key())
                .uploadId(upload.uploadId())).parts().size();
    }

    boolean exists() {
        return server.client().listBuckets().buckets().stream().anyMatch(bucket -> bucket.name().equals(name));
    }

    /**
     * Deletes the bucket as a person would: its objects and incomplete uploads, then the bucket. A run still writing
     * may add an object in between; that is deleted on the next attempt.
     */
    void delete() {
        for (int attempt = 1; ; attempt++) {
            objectNames().forEach(key -> server.client().deleteObject(request -> request.bucket(name).key(key)));
            incompleteUploads().forEach(upload -> server.client().abortMultipartUpload(request -> request
                    .bucket(name).key(upload.key()).uploadId(upload.uploadId())));
            try {
                server.client().deleteBucket(request -> request.bucket(name));
                return;
            } catch (S3Exception e) {
                if (attempt == DELETE_ATTEMPTS || e.statusCode() != 409) {
                    throw e;
                }
            }
        }
    }
}
