package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.error.RefusedException;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.ChecksumLine;
import dev.lifeboat.domain.spi.NewArchive;
import dev.lifeboat.domain.spi.StoredArchive;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * An archive going up as a multipart upload while it is written, one part buffered at a time. Until
 * {@link #commit} nothing is visible under its name: S3 shows a multipart upload's object only once it is completed.
 *
 * <p>Commit puts the sidecar, then the manifest copy, then completes the upload, each with {@code If-None-Match: *}
 * (see {@link ConditionalWrites}), so the archive appears complete with its sidecar beside it and never replaces
 * anything. A 412 at any step means something took the name meanwhile: the run is refused and only what it wrote is
 * removed. A failure anywhere, {@link #close()} without a commit, or the JVM shutting down (Ctrl-C) aborts the upload
 * and removes this run's sidecar and copy. A run killed outright leaves an incomplete upload, invisible but billed,
 * that a later run's leftover sweep aborts.
 *
 * <p>A run that lost the repository's lock (another run took it over after this run's lease ran out, and aborted this
 * upload as abandoned) stops before its next part once a renewal told it so, and a request that fails meanwhile is
 * reported as that loss: what the user can act on, rather than the upload the service no longer knows.
 */
final class UploadingArchive implements NewArchive {

    /** S3 takes at most this many parts in one upload. */
    static final int MAX_PARTS = 10_000;
    static final String ARCHIVE_CONTENT_TYPE = "application/x-tar";

    private enum State { WRITING, COMMITTED, DISCARDED }

    private final S3Bucket bucket;
    private final ArchiveObjects objects;
    private final S3Lock lock;
    private final int partSize;
    private final String uploadId;
    private final Optional<Instant> retainUntil;
    private final ConditionalWrites writes;
    private final PartOutput output;
    private final List<CompletedPart> parts = new ArrayList<>();
    private final List<String> written = new ArrayList<>();
    private final Runnable cleanup = this::discardQuietly;
    private State state = State.WRITING;

    private UploadingArchive(S3Bucket bucket, ArchiveObjects objects, S3Lock lock, int partSize, String uploadId,
                             Optional<Instant> retainUntil) {
        this.bucket = bucket;
        this.objects = objects;
        this.lock = lock;
        this.partSize = partSize;
        this.uploadId = uploadId;
        this.retainUntil = retainUntil;
        this.writes = new ConditionalWrites(bucket, retainUntil);
        this.output = new PartOutput(partSize, MAX_PARTS, this::uploadPart, this::tooLarge);
        S3ShutdownCleanup.register(cleanup);
    }

    /**
     * Starts the multipart upload of a new archive. The object lock retention, when the repository has one, runs from
     * now for the archive, its sidecar and its copy alike, so the three can be deleted at the same moment.
     *
     * @param partSize the bytes of every part but the last; with {@link #MAX_PARTS} it sets the largest archive
     */
    static UploadingArchive start(S3Bucket bucket, BackupName name, S3Lock lock, int partSize) {
        ArchiveObjects objects = ArchiveObjects.of(bucket.location(), name);
        Optional<Instant> retainUntil = bucket.settings().objectLock()
                .map(retention -> retention.retainUntil(Instant.now()));
        CreateMultipartUploadRequest.Builder request = CreateMultipartUploadRequest.builder()
                .bucket(bucket.name())
                .key(objects.archiveKey())
                .contentType(ARCHIVE_CONTENT_TYPE);
        retainUntil.ifPresent(until -> request
                .objectLockMode(bucket.settings().objectLock().orElseThrow().mode())
                .objectLockRetainUntilDate(until));
        String uploadId;
        try {
            uploadId = bucket.client().createMultipartUpload(request.build()).uploadId();
            lock.startedUpload(uploadId);
        } catch (SdkException e) {
            throw bucket.failure("cannot start writing archive " + name + " into repository " + bucket.location(), e);
        }
        return new UploadingArchive(bucket, objects, lock, partSize, uploadId, retainUntil);
    }

    /** The largest archive an upload of this part size takes. */
    static long largestArchive(int partSize) {
        return (long) partSize * MAX_PARTS;
    }

    @Override
    public BackupName name() {
        return objects.name();
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public synchronized StoredArchive commit(Optional<String> manifestDocument) {
        if (state != State.WRITING) {
            throw new IllegalStateException("archive " + name() + " was already " + state.name().toLowerCase(Locale.ROOT)
                    + " and cannot be committed");
        }
        if (!lock.guards(bucket)) {
            throw new IllegalStateException("the lock of repository " + bucket.location() + " was released before "
                    + "archive " + name() + " was committed");
        }
        String step = "cannot write archive " + name() + " into repository " + bucket.location();
        try {
            String sha256 = output.finish();
            step = "cannot write the checksum file of " + name() + " into repository " + bucket.location();
            putNew(objects.sidecarKey(), new ChecksumLine(sha256, name()).content(), "text/plain; charset=utf-8");
            if (manifestDocument.isPresent()) {
                // an encrypted archive has none: its manifest must not lie beside it in plaintext
                step = "cannot write the manifest copy of " + name() + " into repository " + bucket.location();
                putNew(objects.manifestCopyKey(), manifestDocument.get().getBytes(StandardCharsets.UTF_8),
                        "application/json");
            }
            step = "cannot complete archive " + name() + " in repository " + bucket.location();
            CompleteMultipartUploadRequest.Builder complete = CompleteMultipartUploadRequest.builder()
                    .bucket(bucket.name())
                    .key(objects.archiveKey())
                    .uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts));
            if (!writes.complete(complete, objects.archiveKey())) {
                throw nameTaken();
            }
            state = State.COMMITTED;
            S3ShutdownCleanup.deregister(cleanup);
        } catch (LifeboatException e) {
            discardQuietly();
            throw e;
        } catch (SdkException e) {
            RuntimeException failure = failure(step, e);
            discardQuietly();
            throw failure;
        }
        return S3Repository.head(bucket, name()).orElseThrow(() -> new IllegalStateException(
                "archive " + objects.archiveKey() + " vanished right after it was committed"));
    }

    @Override
    public synchronized void close() {
        if (state == State.WRITING) {
            discardQuietly();
        }
    }

    private void putNew(String key, byte[] content, String contentType) {
        if (!writes.putNew(key, content, contentType)) {
            throw nameTaken();
        }
        written.add(key);
    }

    private void uploadPart(int partNumber, byte[] bytes, int length) {
        Optional<LockedException> lost = lock.knownLoss();
        if (lost.isPresent()) {
            discardQuietly();
            throw lost.get();
        }
        UploadPartRequest.Builder request = UploadPartRequest.builder()
                .bucket(bucket.name())
                .key(objects.archiveKey())
                .uploadId(uploadId)
                .partNumber(partNumber)
                .contentLength((long) length);
        if (retainUntil.isPresent()) {
            request.contentMD5(ConditionalWrites.md5(bytes, length));
        }
        try {
            UploadPartResponse response = bucket.client().uploadPart(request.build(), RequestBody.fromContentProvider(
                    () -> new ByteArrayInputStream(bytes, 0, length), length, ARCHIVE_CONTENT_TYPE));
            parts.add(CompletedPart.builder()
                    .partNumber(partNumber)
                    .eTag(response.eTag())
                    .checksumCRC32(response.checksumCRC32())
                    .checksumCRC32C(response.checksumCRC32C())
                    .checksumCRC64NVME(response.checksumCRC64NVME())
                    .checksumSHA1(response.checksumSHA1())
                    .checksumSHA256(response.checksumSHA256())
                    .build());
        } catch (SdkException e) {
            RuntimeException failure = failure("cannot write archive " + name() + " (part " + partNumber
                    + ") into repository " + bucket.location(), e);
            discardQuietly();
            throw failure;
        }
    }

    /**
     * The failure to report for a failed request: the loss of the lock when this run lost it (the run that took it
     * over aborted this upload as abandoned, so S3 answers NoSuchUpload), else the request's failure.
     */
    private RuntimeException failure(String doing, SdkException e) {
        RuntimeException failure = bucket.failure(doing, e);
        try {
            // a refusal (NoSuchUpload: 404) may come from a lost lock, which a renewal finds out; a service that
            // failed (5xx) or did not answer would not answer a renewal better, after as many attempts again
            int status = S3Failures.status(e);
            Optional<LockedException> loss = status >= 400 && status < 500 ? lock.loss() : lock.knownLoss();
            if (loss.isPresent()) {
                loss.get().addSuppressed(failure);
                return loss.get();
            }
        } catch (RuntimeException renewalFailed) {
            failure.addSuppressed(renewalFailed);
        }
        return failure;
    }

    private void tooLarge() {
        discardQuietly();
        throw new RefusedException("archive " + name() + " is larger than the largest archive repository "
                + bucket.location() + " takes (" + largestArchive(partSize) + " bytes: " + MAX_PARTS + " parts of "
                + partSize + " bytes); the upload was aborted and nothing was written");
    }

    private RefusedException nameTaken() {
        return new RefusedException("something named " + name() + " (or its checksum file or manifest copy) appeared "
                + "in repository " + bucket.location() + " while the archive was being written; the new archive was "
                + "discarded, so nothing was replaced: run the backup again");
    }

    /**
     * Aborts the upload and deletes the sidecar and copy this run wrote. A failure here changes nothing for the user:
     * the incomplete upload and lone files are what a later run's leftover sweep removes.
     */
    private synchronized void discardQuietly() {
        if (state != State.WRITING) {
            return;
        }
        state = State.DISCARDED;
        S3ShutdownCleanup.deregister(cleanup);
        output.abandon();
        try {
            bucket.client().abortMultipartUpload(request -> request.bucket(bucket.name()).key(objects.archiveKey())
                    .uploadId(uploadId));
        } catch (SdkException e) {
            // see above
        }
        for (String key : written) {
            try {
                bucket.client().deleteObject(request -> request.bucket(bucket.name()).key(key));
            } catch (SdkException e) {
                // see above
            }
        }
        written.clear();
    }
}
