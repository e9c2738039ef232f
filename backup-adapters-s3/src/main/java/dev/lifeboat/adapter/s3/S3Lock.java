package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.model.LockHolder;
import dev.lifeboat.domain.port.out.RepositoryLock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The lock of an S3 repository. For now it guards within this process only: the lock object in the bucket (written
 * with a conditional write, naming its holder, with a lease the holder renews) is still to come.
 */
final class S3Lock implements RepositoryLock {

    private final S3Bucket bucket;
    private final LockHolder holder;
    private volatile boolean held = true;

    private S3Lock(S3Bucket bucket, LockHolder holder) {
        this.bucket = bucket;
        this.holder = holder;
    }

    /**
     * Takes the repository's lock, waiting up to the timeout.
     *
     * @param lease how long the lock stays valid unless renewed ({@link S3Settings#lockLease()})
     */
    static S3Lock acquire(S3Bucket bucket, Duration lease, Duration timeout, String command) {
        return new S3Lock(bucket, new LockHolder(ProcessHandle.current().pid(), "localhost", Instant.now(), command));
    }

    /** Whether this lock is still held and is the lock of that bucket and prefix. */
    boolean guards(S3Bucket other) {
        return held && bucket.location().equals(other.location());
    }

    @Override
    public LockHolder holder() {
        return holder;
    }

    @Override
    public Optional<LockHolder> tookOverFrom() {
        return Optional.empty();
    }

    @Override
    public void close() {
        held = false;
    }
}
