package dev.lifeboat.adapter.s3;

import java.time.Instant;
import java.util.Locale;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;

/**
 * Deletes an archive with its sidecar, manifest copy and verification record, unless S3 Object Lock still retains it
 * (a retention period not yet over, or a legal hold). The retention is read first (HEAD) because a bucket with Object
 * Lock is versioned, and there a plain delete does not fail: it hides the object behind a delete marker while the
 * retained version stays, billed and invisible. A delete the service refuses as retained (AccessDenied) is taken the
 * same way.
 *
 * <p>The archive goes first: a sidecar or copy left by a failure after it is a leftover the next sweep removes,
 * whereas an archive without its sidecar would look like an archive whose checksum was never recorded.
 */
final class ArchiveDeletion {

    private ArchiveDeletion() {
    }

    /** @return false when the archive is retained and was left whole, sidecar and copy included */
    static boolean delete(S3Bucket bucket, ArchiveObjects objects, Instant now) {
        boolean retentionEnded = false;
        try {
            HeadObjectResponse head = bucket.client().headObject(request -> request.bucket(bucket.name())
                    .key(objects.archiveKey()));
            if (head.objectLockRetainUntilDate() != null && head.objectLockRetainUntilDate().isAfter(now)) {
                return false;
            }
            if (head.objectLockLegalHoldStatus() == ObjectLockLegalHoldStatus.ON) {
                return false;
            }
            retentionEnded = head.objectLockRetainUntilDate() != null;
        } catch (NoSuchKeyException e) {
            bucket.requireExists();
        } catch (SdkException e) {
            throw bucket.failure("cannot delete archive " + objects.name() + " from repository "
                    + bucket.location(), e);
        }
        for (String key : new String[] {objects.archiveKey(), objects.sidecarKey(), objects.manifestCopyKey(),
                objects.verificationKey()}) {
            try {
                bucket.client().deleteObject(request -> request.bucket(bucket.name()).key(key));
            } catch (SdkException e) {
                if (key.equals(objects.archiveKey()) && isRetention(bucket, e, retentionEnded)) {
                    return false;
                }
                throw bucket.failure("cannot delete " + bucket.location().locationOf(key.substring(
                        bucket.location().listingPrefix().length())) + " from repository " + bucket.location(), e);
            }
        }
        return true;
    }

    /**
     * Whether the service refused a delete because of a retention: any 403 whose message speaks of object lock,
     * retention or WORM, or a plain AccessDenied in a repository with object lock settings when the archive's
     * retention could not be read (the credentials may lack {@code s3:GetObjectRetention}). When the archive's
     * retention was read and has ended, a plain AccessDenied is what it says: the credentials may not delete.
     */
    private static boolean isRetention(S3Bucket bucket, SdkException e, boolean retentionEnded) {
        if (S3Failures.status(e) != 403) {
            return false;
        }
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return (bucket.settings().objectLock().isPresent() && !retentionEnded
                && S3Failures.errorCode(e).equals("AccessDenied"))
                || message.contains("object lock") || message.contains("objectlock") || message.contains("retention")
                || message.contains("worm");
    }
}
