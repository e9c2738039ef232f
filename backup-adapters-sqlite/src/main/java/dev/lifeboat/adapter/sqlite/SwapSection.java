package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.error.OperationInterruptedException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The moment in which a restore has taken the target out of WAL mode and not yet renamed the restored file over it
 * (milliseconds). A shutdown then (Ctrl-C, SIGTERM: the JVM runs its shutdown hooks and halts, wherever the main
 * thread is) would leave the user's database in rollback-journal mode for good. The shutdown waits for a swap under
 * way to end, however it ends (renamed, or back in WAL mode), and a swap that has not begun does not begin. A process
 * killed outright (SIGKILL, power loss) can still stop in it.
 */
final class SwapSection {

    /** The one every restore of this process enters. */
    static final SwapSection RESTORES = new SwapSection(Duration.ofSeconds(10), Runtime.getRuntime()::addShutdownHook);

    private final ReentrantLock swap = new ReentrantLock();
    private final Duration shutdownWait;
    private final Consumer<Thread> shutdownHooks;
    private final AtomicBoolean hooked = new AtomicBoolean();

    /**
     * @param shutdownWait  how long a shutdown waits for a swap under way
     * @param shutdownHooks where the shutdown's hook is registered, at the first swap
     */
    SwapSection(Duration shutdownWait, Consumer<Thread> shutdownHooks) {
        this.shutdownWait = shutdownWait;
        this.shutdownHooks = shutdownHooks;
    }

    /** A swap under way; closing it ends the section. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Begins a swap, waiting while the JVM shuts down (forever: it halts).
     *
     * @throws OperationInterruptedException when the JVM is already shutting down, so nothing is changed
     */
    Held enter() {
        if (hooked.compareAndSet(false, true)) {
            try {
                shutdownHooks.accept(new Thread(this::holdAtShutdown, "lifeboat-sqlite-swap"));
            } catch (IllegalStateException e) {
                throw new OperationInterruptedException("the restore was stopped before it replaced anything", e);
            }
        }
        swap.lock();
        return swap::unlock;
    }

    /**
     * What the shutdown hook does: waits for a swap under way, then keeps any other from beginning.
     *
     * @return whether it holds the section (false when a swap outlasted the wait)
     */
    boolean holdAtShutdown() {
        try {
            return swap.tryLock(shutdownWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
