package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.error.RefusedException;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.NewArchive;
import dev.lifeboat.domain.spi.RepositoryLock;
import dev.lifeboat.domain.spi.ScratchSpace;
import dev.lifeboat.domain.spi.StoredArchive;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A repository in an S3 bucket, laid out under its prefix exactly as in a directory: {@code NAME.lifeboat.tar} and
 * its {@code NAME.lifeboat.tar.sha256} sidecar, plus {@code NAME.lifeboat.tar.manifest.json}, a copy of the
 * archive's manifest that listing reads instead of the archive, and {@code NAME.lifeboat.tar.verified}, the record
 * of its last verification (see {@link ArchiveObjects}).
 *
 * <p>Archives go up as multipart uploads of {@link #DEFAULT_PART_SIZE} parts, one part in memory at a time, so the
 * largest archive is 10,000 parts of 16 MiB, 156.25 GiB (167,772,160,000 bytes); a larger one is refused when it
 * outgrows that, and nothing is left (see {@link UploadingArchive}).
 *
 * <p>Every request failure is reported as one line naming the bucket and the endpoint (exit 3), after the client's
 * bounded retries for throttling and 5xx answers. Nothing is sent when the repository is opened: a missing bucket or
 * wrong credentials are found by the first operation.
 */
final class S3Repository implements BackupRepository {

    /** The size of every part of an archive's upload but the last, and the memory an upload takes. */
    static final int DEFAULT_PART_SIZE = 16 * 1024 * 1024;

    private final S3Bucket bucket;
    private final int partSize;

    S3Repository(S3Bucket bucket) {
        this(bucket, DEFAULT_PART_SIZE);
    }

    /** @param partSize the part size; tests make it small to upload archives of many parts */
    S3Repository(S3Bucket bucket, int partSize) {
        this.bucket = bucket;
        this.partSize = partSize;
    }

    @Override
    public String location() {
        return bucket.location().toString();
    }

    @Override
    public RepositoryLock lock(Duration timeout, String command) {
        return S3Lock.acquire(bucket, bucket.settings().lockLease(), timeout, command);
    }

    @Override
    public List<String> removeLeftovers() {
        return S3Leftovers.remove(bucket);
    }

    @Override
    public NewArchive create(BackupName name, RepositoryLock lock) {
        S3Lock held = requireHeld(lock);
        if (contains(name)) {
            throw new RefusedException("repository " + location() + " already has something named " + name
                    + "; lifeboat never replaces an archive");
        }
        return UploadingArchive.start(bucket, name, held, partSize);
    }

    /** Whether any object has the archive's key. */
    @Override
    public boolean contains(BackupName name) {
        return head(bucket, name).isPresent();
    }

    @Override
    public List<StoredArchive> list() {
        return S3Listing.archives(bucket);
    }

    @Override
    public Optional<StoredArchive> find(BackupName name) {
        return head(bucket, name);
    }

    @Override
    public boolean delete(BackupName name, RepositoryLock lock) {
        requireHeld(lock);
        return ArchiveDeletion.delete(bucket, ArchiveObjects.of(bucket.location(), name), Instant.now());
    }

    /**
     * One PUT, which S3 applies whole or not at all, replacing the record before. Under object lock the record gets no
     * retention of its own: it is a hint, not a backup, and must stay replaceable.
     */
    @Override
    public void recordVerification(BackupName name, String document) {
        byte[] content = document.getBytes(StandardCharsets.UTF_8);
        String key = ArchiveObjects.of(bucket.location(), name).verificationKey();
        try {
            bucket.client().putObject(PutObjectRequest.builder().bucket(bucket.name()).key(key)
                    .contentType("text/plain; charset=utf-8").contentLength((long) content.length)
                    .contentMD5(ConditionalWrites.md5(content, content.length)).build(), RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw bucket.failure("cannot record the verification of " + name + " in repository " + location(), e);
        }
    }

    /** As large as a long goes: an object store has no free space to ask for, only quotas it does not tell. */
    @Override
    public long usableSpace() {
        return Long.MAX_VALUE;
    }

    /** A private directory on local disk; see {@link LocalScratch}. */
    @Override
    public ScratchSpace openScratch() {
        return LocalScratch.create();
    }

    /** Without conditional writes (B2), a weaker guarantee the user hears about on every run. */
    @Override
    public List<String> warnings() {
        if (bucket.settings().provider().conditionalWrites()) {
            return List.of();
        }
        return List.of("provider " + bucket.settings().provider().id() + " has no conditional writes: repository "
                + location() + " checks names and the lock with a lookup before writing, so two runs starting at the "
                + "same instant on different hosts are not always kept apart");
    }

    /** The archive with the name, looked up with HEAD; empty when nothing has its key. */
    static Optional<StoredArchive> head(S3Bucket bucket, BackupName name) {
        HeadObjectResponse head;
        try {
            head = bucket.client().headObject(request -> request.bucket(bucket.name()).key(bucket.key(name.value())));
        } catch (NoSuchKeyException e) {
            bucket.requireExists();
            return Optional.empty();
        } catch (SdkException e) {
            throw bucket.failure("cannot look up " + name + " in repository " + bucket.location(), e);
        }
        return Optional.of(S3StoredArchive.fromHead(bucket, name, head));
    }

    private S3Lock requireHeld(RepositoryLock lock) {
        if (lock instanceof S3Lock held && held.guards(bucket)) {
            return held;
        }
        throw new IllegalStateException("changing repository " + location() + " needs its lock, taken with lock() "
                + "and still held");
    }
}
