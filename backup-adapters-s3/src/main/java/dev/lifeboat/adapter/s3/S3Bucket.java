package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.error.UnavailableException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bucket and prefix a repository lives in, with the client that reaches it: what every part of the repository
 * (archives, lock, leftover sweep) works with.
 */
final class S3Bucket {

    private final S3Client client;
    private final S3Location location;
    private final S3Settings settings;
    private volatile boolean known;

    S3Bucket(S3Client client, S3Location location, S3Settings settings) {
        this.client = client;
        this.location = location;
        this.settings = settings;
    }

    S3Client client() {
        return client;
    }

    S3Location location() {
        return location;
    }

    S3Settings settings() {
        return settings;
    }

    /** The bucket's name. */
    String name() {
        return location.bucket();
    }

    /** The key of an object of the repository, right under the prefix. */
    String key(String objectName) {
        return location.key(objectName);
    }

    /** The bucket and the endpoint, for messages: {@code bucket 'b' at http://127.0.0.1:9000}. */
    String describe() {
        return "bucket '" + location.bucket() + "' at " + settings.endpointDescription();
    }

    /**
     * Makes sure the bucket exists, once per repository. A HEAD request answers a bare 404 both for a missing object
     * and for a missing bucket, so an object found missing is followed by this check before it is taken as absent.
     *
     * @throws dev.lifeboat.domain.error.UnavailableException when the bucket is missing or cannot be reached
     */
    void requireExists() {
        if (known) {
            return;
        }
        try {
            client.headBucket(request -> request.bucket(location.bucket()));
        } catch (SdkException e) {
            throw S3Failures.unavailable(this, "cannot open repository " + location, e);
        }
        known = true;
    }

    /** The failure to show for an SDK failure while doing something with this repository. */
    UnavailableException failure(String doing, SdkException e) {
        return S3Failures.unavailable(this, doing, e);
    }
}
