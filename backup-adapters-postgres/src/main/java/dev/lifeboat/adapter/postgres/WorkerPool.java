package dev.lifeboat.adapter.postgres;

import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.error.OperationInterruptedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs work items on a few threads, each with its own worker (and so its own connection). The first failure stops
 * the rest: the other workers are aborted (their running statement cancelled) and take no further item, and that
 * first failure is what the caller sees.
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

    private WorkerPool() {
    }

    static <T> void run(String activity, int threads, List<T> items, WorkerFactory<T> factory,
                        FailureTranslator translator) {
        if (items.isEmpty()) {
            return;
        }
        int count = Math.max(1, Math.min(threads, items.size()));
        ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>(items);
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
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, e);
            abortAll(opened);
            throw new OperationInterruptedException(activity + " was interrupted", e);
        } finally {
            executor.shutdownNow();
        }
        Exception first = failure.get();
        if (first != null) {
            throw first instanceof LifeboatException lifeboat ? lifeboat : translator.translate(first);
        }
    }

    private static <T> void work(ConcurrentLinkedQueue<T> queue, WorkerFactory<T> factory, List<Worker<T>> opened,
                                 AtomicReference<Exception> failure) {
        Worker<T> worker = null;
        try {
            worker = factory.open();
            opened.add(worker);
            T item;
            while (failure.get() == null && (item = queue.poll()) != null) {
                worker.process(item);
            }
        } catch (Exception e) {
            if (failure.compareAndSet(null, e)) {
                abortAll(opened);
            }
        } finally {
            if (worker != null) {
                opened.remove(worker);
                worker.close();
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
}
