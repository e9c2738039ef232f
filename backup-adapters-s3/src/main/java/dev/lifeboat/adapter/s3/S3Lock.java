package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.error.OperationInterruptedException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.LockHolder;
import dev.lifeboat.domain.spi.RepositoryLock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The held lock of an S3 repository: the object {@code PREFIX/.lifeboat.lock} naming this process, with a lease.
 *
 * <p>An object store has no lock a dying process releases, so the lock is a lease: valid for the lease (setting
 * {@code lock-lease}, 5 minutes by default) after the holder's last write, judged by the server's clock (see
 * {@link S3LockContender}). A daemon thread renews it every
 * third of the lease with a write conditional on the ETag of our last write. A renewal refused because the object
 * changed means another run took the lock over (it found our lease expired: we were cut off or paused for a whole
 * lease); from then on {@link #requireHeld} refuses every change with a {@link LockedException} naming that run.
 *
 * <p>{@link #requireHeld} is what a change to the repository (create, commit, delete) calls first: it renews the lease
 * there and then, so the change starts with proof that the lock is still ours and a whole lease ahead of it. What is
 * left: a change that stalls for longer than the lease after that proof (a suspended VM) may finish after another run
 * took over; even then a commit never replaces an archive, as it is conditional on the name being free.
 *
 * <p>Closing deletes the lock object (after checking its ETag, see {@link S3LockObject}); the locks this JVM holds are
 * also released when it shuts down (SIGINT, SIGTERM). After SIGKILL the lock stays: a run on the same host takes it
 * over at once, as the holder's process is gone; a run on another host once the lease has expired.
 *
 * <p>Without conditional writes (provider b2) two runs that take the lock within the same instant can both get it;
 * the repository's warnings say so on every run.
 *
 * <p>In a versioned bucket (as Object Lock requires) every renewal leaves a noncurrent version of the lock object, one
 * per third of a lease while a run lasts; a lifecycle rule expiring noncurrent versions keeps them few.
 *
 * <p>Over 300 lines on purpose, much of it the reasoning above: taking the lock, the object and its content are
 * already classes of their own; what stays is the held lease's state (ETag, last confirmation, loss, release), which
 * the renewal thread and the run change under one monitor, and a split would share that state and its locking
 * between classes.
 */
final class S3Lock implements RepositoryLock {

    /** The locks this JVM holds, by repository, for the leftover sweep and for release at shutdown. */
    private static final Map<String, S3Lock> HELD = new ConcurrentHashMap<>();

    private final S3Bucket bucket;
    private final S3LockObject object;
    private final Optional<LockHolder> tookOverFrom;
    private final Optional<Instant> takenOverAt;
    private final ScheduledExecutorService renewer;
    private final Set<String> uploadsStarted = ConcurrentHashMap.newKeySet();
    private S3LockContent content;
    private String etag;
    private long confirmedNanos;
    private Optional<String> lost = Optional.empty();
    private Optional<String> lastFailure = Optional.empty();
    private boolean released;
    private boolean changedRepository;

    /**
     * @param written        the write that took the lock
     * @param sentNanos      {@link System#nanoTime()} just before that write was sent: the lease runs from there
     * @param tookOverFrom   the holder of the stale lock replaced, if one was
     */
    private S3Lock(S3Bucket bucket, S3LockObject object, S3LockContent content, S3LockObject.Written written,
                   long sentNanos, Optional<LockHolder> tookOverFrom) {
        this.bucket = bucket;
        this.object = object;
        this.content = content;
        this.etag = written.etag();
        this.confirmedNanos = sentNanos;
        this.tookOverFrom = tookOverFrom;
        this.takenOverAt = tookOverFrom.map(holder -> written.serverTime());
        this.renewer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "lifeboat-s3-lock-renewal");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Takes the repository's lock as this process, waiting up to the timeout.
     *
     * @param lease how long the lock stays valid unless renewed ({@link S3Settings#lockLease()})
     * @throws LockedException naming the holder when the lock is still held after the timeout
     */
    static S3Lock acquire(S3Bucket bucket, Duration lease, Duration timeout, String command) {
        return new S3LockContender(bucket, S3LockOwner.thisProcess(bucket.settings().hostName()), lease)
                .acquire(timeout, command);
    }

    /** A lock just taken: renewed from now on and released at shutdown. */
    static S3Lock started(S3Bucket bucket, S3LockObject object, S3LockContent content, S3LockObject.Written written,
                          long sentNanos, Optional<LockHolder> tookOverFrom) {
        S3Lock lock = new S3Lock(bucket, object, content, written, sentNanos, tookOverFrom);
        HELD.put(keyOf(bucket), lock);
        S3ShutdownCleanup.installHook();
        long every = Math.max(1, content.lease().toMillis() / 3);
        lock.renewer.scheduleWithFixedDelay(lock::renewQuietly, every, every, TimeUnit.MILLISECONDS);
        return lock;
    }

    /**
     * The lock a repository change was given, checked: an S3 lock of this repository, still ours (renewed just now).
     *
     * @throws IllegalStateException when it is not a lock of this repository or was released
     * @throws LockedException       naming the run that took it over, when this run lost it
     */
    static S3Lock requireHeld(RepositoryLock lock, S3Bucket bucket) {
        if (!(lock instanceof S3Lock held)) {
            throw new IllegalStateException("changing repository " + bucket.location() + " needs its lock, taken "
                    + "with lock() and still held");
        }
        held.requireHeld(bucket);
        return held;
    }

    /** The lock this JVM holds on the repository, if it holds one. */
    static Optional<S3Lock> heldOn(S3Bucket bucket) {
        return Optional.ofNullable(HELD.get(keyOf(bucket)));
    }

    @Override
    public LockHolder holder() {
        return content().holder();
    }

    @Override
    public Optional<LockHolder> tookOverFrom() {
        return tookOverFrom;
    }

    /**
     * When, by the server's clock, this lock was taken over from a dead or expired holder; empty when it was free.
     * Uploads started before then belong to a run that is gone.
     */
    Optional<Instant> takenOverAt() {
        return takenOverAt;
    }

    /** Notes an upload this run started holding this lock, which no leftover sweep of this run may abort. */
    void startedUpload(String uploadId) {
        uploadsStarted.add(uploadId);
    }

    /** Whether this run started the upload holding this lock. */
    boolean startedUploadOf(String uploadId) {
        return uploadsStarted.contains(uploadId);
    }

    /**
     * Whether this lock is held and is the lock of that bucket and prefix; when it is, renews it first, as
     * {@link #requireHeld(S3Bucket)} does, so a change that checks this before it starts is refused once the lock is lost.
     *
     * @throws LockedException when another run took it over, it was removed, or it could not be renewed for a lease
     */
    boolean guards(S3Bucket other) {
        synchronized (this) {
            if (released || !keyOf(bucket).equals(keyOf(other))) {
                return false;
            }
        }
        requireHeld(other);
        return true;
    }

    /**
     * Checks, before a change to the repository, that the lock is still ours, renewing it.
     *
     * @throws IllegalStateException when this is the lock of another repository or was released
     * @throws LockedException       when another run took it over, it was removed, or it could not be renewed for a
     *                               whole lease (another run may have taken it over since)
     */
    synchronized void requireHeld(S3Bucket other) {
        if (released || !keyOf(bucket).equals(keyOf(other))) {
            throw new IllegalStateException("changing repository " + other.location() + " needs its lock, taken "
                    + "with lock() and still held");
        }
        changedRepository = true;
        renew();
        if (lost.isPresent()) {
            throw new LockedException(lost.get());
        }
        if (System.nanoTime() - confirmedNanos >= content.lease().toNanos()) {
            throw new LockedException("this run could not renew the lock of repository " + bucket.location()
                    + " within its lease of " + content.lease().getSeconds() + "s"
                    + lastFailure.map(failure -> " (" + failure + ")").orElse("")
                    + ", so another run may have taken it over; nothing more is written to the repository: check the "
                    + "connection to the service and run again");
        }
    }

    /**
     * Whether this run lost the lock, renewing it first to find out: for a change that failed, whose cause a user can
     * act on may be that loss rather than the failed request (a run that took the lock over aborts this run's upload,
     * so its next part finds the upload gone).
     *
     * @return the loss, naming the run that took the lock over, when another run took it over or it was removed
     */
    synchronized Optional<LockedException> loss() {
        renew();
        return knownLoss();
    }

    /** The loss of the lock, when a renewal already found it taken over or removed; sends no request. */
    synchronized Optional<LockedException> knownLoss() {
        return lost.map(LockedException::new);
    }

    /**
     * Renews the lease now with a write conditional on our last one. A refused write means the lock is lost, for good;
     * a failed one (the service unreachable) is noted and the lock stays ours until the lease runs out.
     */
    synchronized void renew() {
        if (released || lost.isPresent()) {
            return;
        }
        S3LockContent next = content.renewed(Instant.now());
        long sent = System.nanoTime();
        try {
            S3LockObject.Outcome outcome = object.replace(etag, next.encode());
            if (outcome.written().isPresent()) {
                content = next;
                etag = outcome.written().get().etag();
                confirmedNanos = sent;
                lastFailure = Optional.empty();
            } else {
                lost = Optional.of(describeLoss(outcome.found(), sent - confirmedNanos >= content.lease().toNanos()));
            }
        } catch (UnavailableException e) {
            lastFailure = Optional.of(e.getMessage());
        }
    }

    /**
     * Brings the repository's listing index up to date ({@link ListingIndex}) when this run changed the repository
     * (anything that called {@link #requireHeld(S3Bucket)}), then releases the lock.
     */
    @Override
    public void close() {
        refreshListingIndex();
        release();
    }

    /**
     * Deletes the lock object unless the lock was lost. It stays among the held locks until then, so that a shutdown
     * that begins meanwhile waits for the delete rather than halting the JVM in the middle of it.
     */
    private synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        renewer.shutdownNow();
        // an interrupted run still releases its lock: the client gives up on any request of an interrupted thread
        boolean interrupted = Thread.interrupted();
        try {
            if (lost.isEmpty()) {
                object.delete(etag);
            }
        } catch (UnavailableException | OperationInterruptedException e) {
            // the lock object stays until its lease expires; the next run takes it over then and says so
        } finally {
            HELD.remove(keyOf(bucket), this);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Releases every lock this JVM holds, for a JVM that is shutting down; waits for releases under way. The listing
     * index is left as it is: the next run that writes brings it up to date.
     */
    static void releaseAll() {
        List.copyOf(HELD.values()).forEach(S3Lock::release);
    }

    /**
     * Best effort: an index not brought up to date makes the next listing read more manifest copies, nothing worse,
     * so a failure here is no failure of the run.
     */
    private void refreshListingIndex() {
        synchronized (this) {
            if (!changedRepository || released || lost.isPresent() || Thread.currentThread().isInterrupted()) {
                return;
            }
        }
        try {
            S3Listing.refreshIndex(bucket);
        } catch (SdkException | LifeboatException e) {
            // the listing reads the copies the index lacks; the next run that writes tries again
        }
    }

    private synchronized S3LockContent content() {
        return content;
    }

    private void renewQuietly() {
        try {
            renew();
        } catch (RuntimeException e) {
            // a renewal thread that died would let the lease lapse unnoticed; note it, try again next time
            synchronized (this) {
                lastFailure = Optional.of(String.valueOf(e.getMessage()));
            }
        }
    }

    /**
     * @param leaseRanOut whether our lease had run out before this renewal was sent: the process was paused (a
     *                    suspended VM, SIGSTOP) or cut off from the service for a whole lease, so another run could
     *                    rightly take the lock over
     */
    private String describeLoss(Optional<S3LockObject.Observed> found, boolean leaseRanOut) {
        String repository = "repository " + bucket.location();
        String lease = "this run's lease of " + content.lease().getSeconds() + "s ran out before it could renew it "
                + "(it was paused, or cut off from the service, for longer)";
        String what;
        if (found.isEmpty()) {
            what = leaseRanOut
                    ? "this run lost the lock of " + repository + ": " + lease + ", and another run took the lock "
                            + "over since, or it was removed"
                    : "the lock of " + repository + " was removed while this run held it";
        } else {
            what = found.get().content()
                    .map(holder -> "this run lost the lock of " + repository + " to " + describe(holder.holder())
                            + ", which took it over" + (leaseRanOut ? " after " + lease : ""))
                    .orElse("this run lost the lock of " + repository + " to another run, whose lock object cannot "
                            + "be read");
        }
        return what + "; nothing more is written to the repository: check the connection to the service (or raise "
                + "lock-lease above this host's longest pause) and run again";
    }

    /** How a holder is named in messages, as the filesystem repository names it. */
    static String describe(LockHolder holder) {
        return holder.command() + " (pid " + holder.pid() + " on host " + holder.host() + ", started "
                + holder.startedAt() + ")";
    }

    private static String keyOf(S3Bucket bucket) {
        return bucket.settings().endpointDescription() + " " + bucket.location();
    }
}
