package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.port.out.BackupRepository;
import dev.lifeboat.domain.port.out.NewArchive;
import dev.lifeboat.domain.port.out.RepositoryLock;
import dev.lifeboat.domain.port.out.ScratchSpace;
import dev.lifeboat.domain.port.out.StoredArchive;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A repository in an S3 bucket, laid out under its prefix exactly as in a directory: {@code NAME.lifeboat.tar} and its
 * {@code NAME.lifeboat.tar.sha256} sidecar.
 */
final class S3Repository implements BackupRepository {

    private final S3Bucket bucket;

    S3Repository(S3Bucket bucket) {
        this.bucket = bucket;
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
        throw new UnsupportedOperationException("not yet: writing archives into " + location());
    }

    @Override
    public boolean contains(BackupName name) {
        try {
            bucket.client().headObject(HeadObjectRequest.builder().bucket(bucket.name()).key(bucket.key(name.value()))
                    .build());
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (SdkException e) {
            throw S3Failures.unavailable(bucket, "cannot look for " + name + " in repository " + location(), e);
        }
    }

    @Override
    public List<StoredArchive> list() {
        throw new UnsupportedOperationException("not yet: listing " + location());
    }

    @Override
    public Optional<StoredArchive> find(BackupName name) {
        throw new UnsupportedOperationException("not yet: finding archives in " + location());
    }

    @Override
    public boolean delete(BackupName name, RepositoryLock lock) {
        throw new UnsupportedOperationException("not yet: deleting from " + location());
    }

    /** Unbounded as far as lifeboat can tell: object stores have no free-space figure to ask for. */
    @Override
    public long usableSpace() {
        return Long.MAX_VALUE;
    }

    @Override
    public ScratchSpace openScratch() {
        throw new UnsupportedOperationException("not yet: scratch space for " + location());
    }
}
