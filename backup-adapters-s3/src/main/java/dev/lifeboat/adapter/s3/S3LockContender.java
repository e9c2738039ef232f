package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.error.OperationInterruptedException;
import dev.lifeboat.domain.model.LockHolder;
import dev.lifeboat.domain.spi.RepositoryLock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A process trying to take an S3 repository's lock: this one, or in tests a process of a simulated other host.
 *
 * <p>One attempt writes the lock object with {@code If-None-Match: *}. When one is there, its holder is judged:
 * <ul>
 *   <li>on this host (same {@link S3LockOwner#hostId() host id}) with its process gone (or its pid now another
 *       process's, one started after the lock was taken): stale at once, as the local lock;
 *   <li>on any host, once its lease has expired: the server's Date is at least a lease and a second past the object's
 *       Last-Modified (both the server's clock, in whole seconds, hence the second), with the lease the holder wrote,
 *       so hosts whose clocks disagree, or that are configured with other leases, still agree;
 *   <li>otherwise held, and the attempt is refused.
 * </ul>
 * A stale lock is taken over with a write conditional on the ETag just read, so of two runs taking it over at once
 * only one wins, and the replaced holder is reported through {@link S3Lock#tookOverFrom()}. Waiting up to the timeout
 * polls with a backoff from 0.1 to 2 seconds.
 */
final class S3LockContender {

    private static final Duration FOREVER = Duration.ofDays(365L * 100);
    private static final long FIRST_POLL_MILLIS = 100;
    private static final long LONGEST_POLL_MILLIS = 2_000;
    /** Creating the lock right after its holder released it: a few immediate retries before counting as refused. */
    private static final int RETRIES_WHEN_RELEASED = 3;

    private final S3Bucket bucket;
    private final S3LockObject object;
    private final S3LockOwner owner;
    private final Duration lease;
    private final UnaryOperator<Instant> serverClock;

    S3LockContender(S3Bucket bucket, S3LockOwner owner, Duration lease) {
        this(bucket, owner, lease, UnaryOperator.identity());
    }

    /**
     * @param serverClock turns the server's time as answered into the time expiry is judged at; tests move it
     *                    forward rather than wait for a lease to run out
     */
    S3LockContender(S3Bucket bucket, S3LockOwner owner, Duration lease, UnaryOperator<Instant> serverClock) {
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive: " + lease);
        }
        this.bucket = bucket;
        this.object = new S3LockObject(bucket);
        this.owner = owner;
        this.lease = lease;
        this.serverClock = serverClock;
    }

    /**
     * Takes the lock, waiting up to the timeout.
     *
     * @throws LockedException naming the holder when the lock is still held after the timeout
     */
    S3Lock acquire(Duration timeout, String command) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative lock timeout: " + timeout);
        }
        long start = System.nanoTime();
        long waitNanos = (timeout.compareTo(FOREVER) > 0 ? FOREVER : timeout).toNanos();
        long pollMillis = FIRST_POLL_MILLIS;
        while (true) {
            Attempt attempt = tryOnce(command);
            if (attempt.lock().isPresent()) {
                return attempt.lock().get();
            }
            long remainingNanos = waitNanos - (System.nanoTime() - start);
            if (remainingNanos <= 0) {
                throw locked(attempt.holder(), timeout);
            }
            sleep(Math.min(pollMillis, Math.max(1, remainingNanos / 1_000_000)));
            pollMillis = Math.min(pollMillis * 2, LONGEST_POLL_MILLIS);
        }
    }

    private record Attempt(Optional<S3Lock> lock, Optional<LockHolder> holder) {

        static Attempt refused(Optional<LockHolder> holder) {
            return new Attempt(Optional.empty(), holder);
        }
    }

    private Attempt tryOnce(String command) {
        Optional<S3LockObject.Observed> found = Optional.empty();
        for (int attempt = 0; attempt <= RETRIES_WHEN_RELEASED && found.isEmpty(); attempt++) {
            S3LockContent mine = S3LockContent.taken(owner, command, lease, Instant.now());
            long sent = System.nanoTime();
            S3LockObject.Outcome created = object.create(mine.encode());
            if (created.written().isPresent()) {
                return held(mine, created.written().get(), sent, Optional.empty());
            }
            found = created.found();
        }
        if (found.isEmpty()) {
            return Attempt.refused(Optional.empty());
        }
        S3LockObject.Observed current = found.get();
        LockHolder holder = current.content().map(S3LockContent::holder).orElseGet(() -> unknownHolder(current));
        if (!isStale(current)) {
            return Attempt.refused(Optional.of(holder));
        }
        S3LockContent mine = S3LockContent.taken(owner, command, lease, Instant.now());
        long sent = System.nanoTime();
        S3LockObject.Outcome takenOver = object.replace(current.etag(), mine.encode());
        if (takenOver.written().isPresent()) {
            return held(mine, takenOver.written().get(), sent, Optional.of(holder));
        }
        // another run took it over first, or its holder renewed it after all
        return Attempt.refused(takenOver.found().flatMap(S3LockObject.Observed::content).map(S3LockContent::holder));
    }

    private Attempt held(S3LockContent content, S3LockObject.Written written, long sentNanos,
                         Optional<LockHolder> tookOverFrom) {
        return new Attempt(Optional.of(S3Lock.started(bucket, object, content, written, sentNanos, tookOverFrom)),
                Optional.of(content.holder()));
    }

    /** Whether the lock found belongs to a process that is gone or to a holder that stopped renewing its lease. */
    private boolean isStale(S3LockObject.Observed found) {
        Optional<S3LockContent> content = found.content();
        if (content.isPresent() && content.get().hostId().equals(owner.hostId())
                && !isRunning(content.get().pid(), content.get().startedAt())) {
            return true;
        }
        Duration holdersLease = content.map(S3LockContent::lease).orElse(lease);
        Instant expiry = found.lastModified().plus(holdersLease).plusSeconds(1);
        return !serverClock.apply(found.serverTime()).isBefore(expiry);
    }

    /**
     * Whether the process that took a lock at that time still runs. A process with its pid that started after then
     * (a second later, as the time is whole seconds) is another one that reuses the number.
     */
    private static boolean isRunning(long pid, Instant tookLockAt) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(process -> process.info().startInstant()
                        .map(started -> !started.isAfter(tookLockAt.plusSeconds(1)))
                        .orElse(true))
                .orElse(false);
    }

    /** Whoever wrote a lock object that is not in our format, named as well as it can be. */
    private static LockHolder unknownHolder(S3LockObject.Observed found) {
        return new LockHolder(-1, "unknown-host", found.lastModified(), "a run whose lock object could not be read");
    }

    private LockedException locked(Optional<LockHolder> holder, Duration waited) {
        String by = holder.map(S3Lock::describe)
                .orElse("another run (whose lock object came and went while this run tried)");
        return new LockedException("repository " + bucket.location() + " is locked by " + by
                + RepositoryLock.busyAdvice(waited));
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationInterruptedException("interrupted while waiting for the lock on repository "
                    + bucket.location(), e);
        }
    }
}
