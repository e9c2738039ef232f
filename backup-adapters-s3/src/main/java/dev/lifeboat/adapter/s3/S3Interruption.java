package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.error.OperationInterruptedException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Tells a request the client gave up on because the thread was interrupted (exit 130) from one the service failed
 * (exit 3): the SDK reports both as an {@link SdkException}. A candidate for {@link S3Failures} itself.
 */
final class S3Interruption {

    private S3Interruption() {
    }

    /** The failure to throw for an SDK failure while doing something with the repository. */
    static RuntimeException or(S3Bucket bucket, String doing, SdkException e) {
        if (e instanceof AbortedException || Thread.currentThread().isInterrupted()) {
            return new OperationInterruptedException("interrupted: " + doing, e);
        }
        return S3Failures.unavailable(bucket, doing, e);
    }
}
