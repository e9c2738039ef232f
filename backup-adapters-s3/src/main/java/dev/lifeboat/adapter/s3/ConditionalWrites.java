package dev.lifeboat.adapter.s3;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Writes that never replace anything: {@code If-None-Match: *} on the request, which the service refuses with 412
 * when something already has the key. Where the provider has no conditional writes (B2), the key is looked up with
 * HEAD first instead, which two writers racing for one key can both pass: the repository warns about it.
 */
final class ConditionalWrites {

    private static final String ANY = "*";

    private final S3Bucket bucket;
    private final Optional<Instant> retainUntil;

    /** @param retainUntil the object lock retention of every object written, when the repository has one */
    ConditionalWrites(S3Bucket bucket, Optional<Instant> retainUntil) {
        this.bucket = bucket;
        this.retainUntil = retainUntil;
    }

    /**
     * Puts a small object unless something has its key.
     *
     * @return false when something already had the key, and nothing was written
     * @throws SdkException when the request failed otherwise
     */
    boolean putNew(String key, byte[] content, String contentType) {
        if (!conditional() && exists(key)) {
            return false;
        }
        PutObjectRequest.Builder request = PutObjectRequest.builder()
                .bucket(bucket.name())
                .key(key)
                .contentType(contentType)
                .contentLength((long) content.length);
        if (conditional()) {
            request.ifNoneMatch(ANY);
        }
        retainUntil.ifPresent(until -> request
                .objectLockMode(bucket.settings().objectLock().orElseThrow().mode())
                .objectLockRetainUntilDate(until)
                .contentMD5(md5(content, content.length)));
        try {
            bucket.client().putObject(request.build(), RequestBody.fromBytes(content));
            return true;
        } catch (SdkException e) {
            if (isNameTaken(e)) {
                return isRetry(e) && hasContent(key, content);
            }
            throw e;
        }
    }

    /**
     * Completes a multipart upload unless something has its key, so the object appears whole or not at all.
     *
     * @return false when something already had the key; the upload is then still there, to abort
     * @throws SdkException when the upload was not completed
     */
    boolean complete(CompleteMultipartUploadRequest.Builder request, String key) {
        if (!conditional() && exists(key)) {
            return false;
        }
        if (conditional()) {
            request.ifNoneMatch(ANY);
        }
        CompleteMultipartUploadRequest complete = request.build();
        try {
            bucket.client().completeMultipartUpload(complete);
            return true;
        } catch (SdkException e) {
            if (isNameTaken(e)) {
                return isRetry(e) && isCompleted(complete);
            }
            if (completedDespite(complete, key)) {
                return true;
            }
            throw e;
        }
    }

    /** The Content-MD5 header of some bytes, which S3 requires on any upload with an object lock retention. */
    static String md5(byte[] content, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            digest.update(content, 0, length);
            return Base64.getEncoder().encodeToString(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    /**
     * 412 Precondition Failed: something has the key. 409 ConditionalRequestConflict: another conditional write of
     * the same key is in progress, which will take it.
     */
    static boolean isNameTaken(SdkException e) {
        int status = S3Failures.status(e);
        return status == 412 || (status == 409 && S3Failures.errorCode(e).equals("ConditionalRequestConflict"));
    }

    /**
     * Whether the client had sent the request before: an attempt whose answer was lost (a dropped connection) may have
     * written the object, and then the retry finds its own object in the way.
     */
    private static boolean isRetry(SdkException e) {
        return e.numAttempts() != null && e.numAttempts() > 1;
    }

    /** Whether the object at the key has exactly this content: this run's write, whose answer was lost. */
    private boolean hasContent(String key, byte[] content) {
        try {
            byte[] there = bucket.client().getObjectAsBytes(request -> request.bucket(bucket.name()).key(key)
                    .range("bytes=0-" + content.length)).asByteArray();
            return Arrays.equals(there, content);
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    /**
     * Whether this run's upload was completed by an attempt whose answer was lost. Asking the service to abort the
     * upload tells: a completed upload is gone (NoSuchUpload). One still there was not completed, and is aborted by
     * the asking, which the caller would do next anyway. (ListParts cannot tell: some services, s3proxy among them,
     * still list the parts of a completed upload.)
     */
    private boolean isCompleted(CompleteMultipartUploadRequest complete) {
        try {
            bucket.client().abortMultipartUpload(request -> request.bucket(bucket.name()).key(complete.key())
                    .uploadId(complete.uploadId()));
            return false;
        } catch (NoSuchUploadException e) {
            return true;
        }
    }

    /**
     * Whether a completion that failed for the client had in fact been done by the service, which lost every answer:
     * the upload is gone and the object is there, whole. False when that cannot be told either.
     */
    private boolean completedDespite(CompleteMultipartUploadRequest complete, String key) {
        try {
            return isCompleted(complete) && exists(key);
        } catch (SdkException e) {
            return false;
        }
    }

    private boolean conditional() {
        return bucket.settings().provider().conditionalWrites();
    }

    private boolean exists(String key) {
        try {
            bucket.client().headObject(request -> request.bucket(bucket.name()).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }
}
