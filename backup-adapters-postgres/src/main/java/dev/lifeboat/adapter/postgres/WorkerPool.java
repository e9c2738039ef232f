package dev.lifeboat.adapter.postgres;

import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.error.OperationInterruptedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs work items on a few threads, each with its own worker (and so its own connection). The first failure stops
 * the rest: the other workers are aborted (their running statement cancelled) and take no further item, and that
 * first failure is what the caller sees. An interrupted run aborts its workers the same way and returns only once
 * they have ended, so that what they use (sessions borrowed from a pool, a snapshot's session) is never closed under
 * them.
 */
final class WorkerPool {

    /** One thread's worker. */
    interface Worker<T> extends AutoCloseable {

        void process(T item) throws Exception;

        /** Stops the item under way, from another thread, because the run failed elsewhere. */
        void abort();

        @Override
        void close();
    }

    /** Where the workers take their items from, one at a time. */
    interface Queue<T> {

        /** How many items the queue holds in all: no more threads than that are started. */
        int size();

        /**
         * The next item, waiting while every item left waits for one under way; empty when none is left or the queue
         * was stopped.
         */
        Optional<T> take() throws InterruptedException;

        /** An item was processed: items that waited for it may be taken. */
        void done(T item);

        /** Hands out no further item; a worker waiting in {@link #take} gets none. */
        void stop();
    }

    /** Opens a worker for one thread. */
    @FunctionalInterface
    interface WorkerFactory<T> {
        Worker<T> open() throws Exception;
    }

    /** Turns a failure that is not already lifeboat's into lifeboat's. */
    @FunctionalInterface
    interface FailureTranslator {
        LifeboatException translate(Exception failure);
    }

    /** How long an interrupted run waits for its aborted workers to end. */
    static final Duration ABORTED_WORKERS_WAIT = Duration.ofSeconds(30);

    private WorkerPool() {
    }

    /** Processes items in the order given, each as soon as a thread is free. */
    static <T> void run(String activity, int threads, List<T> items, WorkerFactory<T> factory,
                        FailureTranslator translator) {
        run(activity, threads, new InOrder<>(items), factory, translator);
    }

    /** Processes the items of a queue, which decides what may run when. */
    static <T> void run(String activity, int threads, Queue<T> queue, WorkerFactory<T> factory,
                        FailureTranslator translator) {
        if (queue.size() == 0) {
            return;
        }
        int count = Math.max(1, Math.min(threads, queue.size()));
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Worker<T>> opened = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(count, runnable -> {
            Thread thread = new Thread(runnable, "lifeboat-" + activity + "-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(executor.submit(() -> work(queue, factory, opened, failure)));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    failure.compareAndSet(null, new IllegalStateException(e.getCause()));
                }
            }
        } catch (InterruptedException e) {
            failure.compareAndSet(null, e);
            queue.stop();
            abortAll(opened);
            executor.shutdownNow();
            // the caller closes what the workers use (a session pool, a snapshot's session) once this returns
            awaitWorkers(executor);
            Thread.currentThread().interrupt();
            throw new OperationInterruptedException(activity + " was interrupted", e);
        } finally {
            executor.shutdownNow();
        }
        Exception first = failure.get();
        if (first != null) {
            throw first instanceof LifeboatException lifeboat ? lifeboat : translator.translate(first);
        }
    }

    private static <T> void work(Queue<T> queue, WorkerFactory<T> factory, List<Worker<T>> opened,
                                 AtomicReference<Exception> failure) {
        Worker<T> worker = null;
        try {
            worker = factory.open();
            opened.add(worker);
            Optional<T> item;
            while (failure.get() == null && (item = queue.take()).isPresent()) {
                worker.process(item.get());
                queue.done(item.get());
            }
        } catch (Exception e) {
            if (failure.compareAndSet(null, e)) {
                abortAll(opened);
            }
        } finally {
            // after the last item that is harmless; after a failure (an Error too) it wakes the workers that wait
            queue.stop();
            if (worker != null) {
                opened.remove(worker);
                worker.close();
            }
        }
    }

    /**
     * Waits, however often interrupted, for the workers to end once aborted: their statements are cancelled, so they
     * end as soon as the server answers. One that does not within {@link #ABORTED_WORKERS_WAIT} (a server that no
     * longer answers) is left to its daemon thread.
     */
    private static void awaitWorkers(ExecutorService executor) {
        long deadline = System.nanoTime() + ABORTED_WORKERS_WAIT.toNanos();
        boolean ended = false;
        while (!ended && System.nanoTime() - deadline < 0) {
            try {
                ended = executor.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException again) {
                // interrupted twice: still wait, the caller is told once, with the flag set again
            }
        }
    }

    private static <T> void abortAll(List<Worker<T>> workers) {
        List<Worker<T>> snapshot;
        synchronized (workers) {
            snapshot = new ArrayList<>(workers);
        }
        snapshot.forEach(Worker::abort);
    }

    /** The items of a list, in its order, none waiting for another. */
    private static final class InOrder<T> implements Queue<T> {

        private final int size;
        private final ConcurrentLinkedQueue<T> items;

        InOrder(List<T> items) {
            this.size = items.size();
            this.items = new ConcurrentLinkedQueue<>(items);
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public Optional<T> take() {
            return Optional.ofNullable(items.poll());
        }

        @Override
        public void done(T item) {
            // nothing waits
        }

        @Override
        public void stop() {
            items.clear();
        }
    }
}
