package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.error.OperationInterruptedException;
import dev.lifeboat.domain.error.UnavailableException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The threads a PostgreSQL backup or restore runs its sessions on, when the run is interrupted. */
class WorkerPoolTest {

    private static final long WAIT_SECONDS = 30;

    /** A worker whose item runs until it is aborted, and whose close takes until the test lets it end. */
    private static final class BlockedWorker implements WorkerPool.Worker<Integer> {

        private final CountDownLatch processing;
        private final CountDownLatch closing;
        private final CountDownLatch mayClose;
        private final AtomicInteger closed;
        private final CountDownLatch aborted = new CountDownLatch(1);

        BlockedWorker(CountDownLatch processing, CountDownLatch closing, CountDownLatch mayClose,
                      AtomicInteger closed) {
            this.processing = processing;
            this.closing = closing;
            this.mayClose = mayClose;
            this.closed = closed;
        }

        @Override
        public void process(Integer item) throws Exception {
            processing.countDown();
            if (!aborted.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never aborted");
            }
            throw new IllegalStateException("cancelled, as a statement is");
        }

        @Override
        public void abort() {
            aborted.countDown();
        }

        @Override
        public void close() {
            closing.countDown();
            // as closing a connection does, whether or not the thread was interrupted
            boolean interrupted = false;
            while (true) {
                try {
                    mayClose.await(WAIT_SECONDS, TimeUnit.SECONDS);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            closed.incrementAndGet();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void an_interrupted_run_returns_only_once_its_aborted_workers_have_closed() throws Exception {
        CountDownLatch processing = new CountDownLatch(2);
        CountDownLatch closing = new CountDownLatch(2);
        CountDownLatch mayClose = new CountDownLatch(1);
        AtomicInteger closed = new AtomicInteger();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicInteger closedWhenItReturned = new AtomicInteger(-1);
        AtomicBoolean interruptedAgain = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                WorkerPool.run("test", 2, List.of(1, 2, 3, 4),
                        () -> new BlockedWorker(processing, closing, mayClose, closed),
                        failure -> new UnavailableException(failure.getMessage(), failure));
            } catch (RuntimeException e) {
                thrown.set(e);
            }
            closedWhenItReturned.set(closed.get());
            interruptedAgain.set(Thread.currentThread().isInterrupted());
        }, "test-caller");
        caller.start();
        assertThat(processing.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("both workers took an item").isTrue();

        caller.interrupt();
        assertThat(closing.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("both workers were aborted").isTrue();
        // interrupted again while it waits for them: it goes on waiting
        caller.interrupt();
        caller.join(500);
        assertThat(caller.isAlive()).as("the run waits while its workers close their sessions").isTrue();

        mayClose.countDown();
        caller.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(OperationInterruptedException.class)
                .hasMessageContaining("test was interrupted");
        assertThat(closedWhenItReturned.get()).as("workers closed when the run returned").isEqualTo(2);
        assertThat(interruptedAgain.get()).as("the caller's interrupt flag, set again").isTrue();
    }
}
