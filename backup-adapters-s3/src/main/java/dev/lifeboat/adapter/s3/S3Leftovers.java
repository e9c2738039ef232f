package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.model.BackupName;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Finds and removes what interrupted runs left in an S3 repository, as the filesystem repository removes its
 * temporary files and lone sidecars.
 *
 * <ul>
 *   <li>An incomplete multipart upload of an archive right under the prefix is the archive of a run that ended
 *       before its commit, if it is abandoned: started more than {@link #ABANDONED_AFTER} ago by the server's clock
 *       (no archive takes that long; the server's Date and the upload's Initiated time are both the server's clock),
 *       or started before the current lock was taken over from a dead or expired holder (its run is gone: uploads
 *       are only started holding the lock). The takeover's time is the server's Date, in whole seconds, so an upload
 *       started within that second counts as started before it, unless this run started it. Any other upload may
 *       belong to a run that is still going, such as one that lost its lock but does not know yet, and is left
 *       alone. Abandoned uploads are aborted.
 *   <li>A sidecar {@code NAME.lifeboat.tar.sha256}, manifest copy {@code NAME.lifeboat.tar.manifest.json} or
 *       verification record {@code NAME.lifeboat.tar.verified} whose
 *       archive is absent (a run that ended between writing them and completing the upload, or an archive deleted
 *       by hand) is deleted, unless an upload of that archive is left alone.
 * </ul>
 * Call it holding the lock: what a concurrent commit shows for an instant looks like a lone sidecar. Keys under a
 * deeper prefix, and names that only look like these, are not the repository's and are never touched. A bucket
 * lifecycle rule ({@code AbortIncompleteMultipartUpload}) removes abandoned uploads even where lifeboat never runs
 * again.
 */
final class S3Leftovers {

    /** How long after it started an incomplete upload of another run counts as abandoned. */
    static final Duration ABANDONED_AFTER = Duration.ofHours(24);

    private final S3Bucket bucket;
    private final UnaryOperator<Instant> serverClock;

    S3Leftovers(S3Bucket bucket) {
        this(bucket, UnaryOperator.identity());
    }

    /**
     * @param serverClock turns the server's time as answered into the time ages are judged at; tests move it forward
     *                    rather than wait a day
     */
    S3Leftovers(S3Bucket bucket, UnaryOperator<Instant> serverClock) {
        this.bucket = bucket;
        this.serverClock = serverClock;
    }

    /** Removes the leftovers of interrupted runs from the repository and returns their names, sorted. */
    static List<String> remove(S3Bucket bucket) {
        return new S3Leftovers(bucket).remove();
    }

    /**
     * An incomplete upload of an archive.
     *
     * @param name      the archive's name
     * @param uploadId  the upload's id
     * @param initiated when it started, by the server's clock
     */
    record Upload(String name, String uploadId, Instant initiated) {

        /** How a removed upload is named to the user. */
        String describe() {
            return name + " (incomplete upload started " + initiated.truncatedTo(ChronoUnit.SECONDS) + ")";
        }
    }

    /** Removes the leftovers and returns their names, sorted. */
    List<String> remove() {
        Optional<S3Lock> held = S3Lock.heldOn(bucket);
        Optional<Instant> takenOverAt = held.flatMap(S3Lock::takenOverAt);
        List<String> removed = new ArrayList<>();
        Set<String> archivesBeingWritten = new HashSet<>();
        for (Found found : uploads()) {
            Upload upload = found.upload();
            boolean ours = held.map(lock -> lock.startedUploadOf(upload.uploadId())).orElse(false);
            if (!ours && isAbandoned(upload.initiated(), found.now(), takenOverAt)) {
                if (abort(upload)) {
                    removed.add(upload.describe());
                }
            } else {
                archivesBeingWritten.add(upload.name());
            }
        }
        Set<String> names = objectNames();
        for (String name : names) {
            Optional<String> archive = archiveOfCompanion(name);
            if (archive.isPresent() && !names.contains(archive.get())
                    && !archivesBeingWritten.contains(archive.get())) {
                delete(name);
                removed.add(name);
            }
        }
        removed.addAll(LocalScratch.removeLeftovers());
        removed.sort(Comparator.naturalOrder());
        return removed;
    }

    /**
     * Whether an incomplete upload of another run is abandoned.
     *
     * @param now         the server's time
     * @param takenOverAt when, by the server's clock in whole seconds, the current lock was taken over from a dead or
     *                    expired holder: an upload started before the end of that second was started before it
     */
    static boolean isAbandoned(Instant initiated, Instant now, Optional<Instant> takenOverAt) {
        return initiated.isBefore(now.minus(ABANDONED_AFTER))
                || takenOverAt.map(at -> initiated.isBefore(at.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1)))
                        .orElse(false);
    }

    /** An upload with the server's time when the listing that found it was answered. */
    private record Found(Upload upload, Instant now) {
    }

    private List<Found> uploads() {
        String prefix = bucket.location().listingPrefix();
        List<Found> found = new ArrayList<>();
        try {
            for (ListMultipartUploadsResponse page : bucket.client().listMultipartUploadsPaginator(request -> request
                    .bucket(bucket.name()).prefix(prefix).delimiter("/"))) {
                Instant now = serverClock.apply(ServerTime.of(page.sdkHttpResponse()));
                for (MultipartUpload upload : page.uploads()) {
                    String name = upload.key().substring(prefix.length());
                    // some services ignore the delimiter: a deeper key is not this repository's
                    if (BackupName.isArchiveName(name) && upload.initiated() != null) {
                        found.add(new Found(new Upload(name, upload.uploadId(), upload.initiated()), now));
                    }
                }
            }
        } catch (SdkException e) {
            throw S3Interruption.or(bucket, "cannot list the incomplete uploads of repository "
                    + bucket.location(), e);
        }
        return found;
    }

    /** Aborts an upload; false when it was gone already (completed or aborted by another run meanwhile). */
    private boolean abort(Upload upload) {
        try {
            bucket.client().abortMultipartUpload(request -> request.bucket(bucket.name())
                    .key(bucket.key(upload.name())).uploadId(upload.uploadId()));
            return true;
        } catch (NoSuchUploadException e) {
            return false;
        } catch (SdkException e) {
            throw S3Interruption.or(bucket, "cannot abort " + upload.describe() + ", left in repository "
                    + bucket.location() + " by an interrupted run", e);
        }
    }

    /** The names of the objects right under the prefix. */
    private Set<String> objectNames() {
        String prefix = bucket.location().listingPrefix();
        Set<String> names = new HashSet<>();
        try {
            for (ListObjectsV2Response page : bucket.client().listObjectsV2Paginator(request -> request
                    .bucket(bucket.name()).prefix(prefix).delimiter("/"))) {
                for (S3Object object : page.contents()) {
                    String name = object.key().substring(prefix.length());
                    if (!name.isEmpty() && name.indexOf('/') < 0) {
                        names.add(name);
                    }
                }
            }
        } catch (SdkException e) {
            throw S3Interruption.or(bucket, "cannot list repository " + bucket.location(), e);
        }
        return names;
    }

    private void delete(String name) {
        try {
            bucket.client().deleteObject(request -> request.bucket(bucket.name()).key(bucket.key(name)));
        } catch (NoSuchKeyException e) {
            // gone already
        } catch (SdkException e) {
            throw S3Interruption.or(bucket, "cannot remove " + name + ", left in repository "
                    + bucket.location() + " by an interrupted run", e);
        }
    }

    /** The archive a sidecar, manifest copy or verification record belongs to, empty for any other name. */
    static Optional<String> archiveOfCompanion(String name) {
        for (String suffix : List.of(BackupName.SIDECAR_SUFFIX, ArchiveObjects.MANIFEST_COPY_SUFFIX,
                BackupName.VERIFICATION_SUFFIX)) {
            // a plain or an encrypted archive's: the name without the suffix is an archive's
            if (name.endsWith(suffix)) {
                String archive = name.substring(0, name.length() - suffix.length());
                return BackupName.isArchiveName(archive) ? Optional.of(archive) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
