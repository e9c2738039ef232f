package dev.lifeboat.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Watches a repository while runs share it: which processes have temporary files in it at the same moment (a run
 * writes only while it holds the lock, so never more than one should), and which processes the lock file names.
 */
final class ConcurrencyWatch implements AutoCloseable {

    private static final Pattern TEMPORARY = Pattern.compile("\\.lifeboat-tmp-([0-9]+)\\..*");
    private static final Pattern HOLDER = Pattern.compile("(?m)^pid=([0-9]+)$");

    private final Path repository;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger mostWriters = new AtomicInteger();
    private final Set<Long> holders = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Set<Long> writers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Thread thread;

    private ConcurrencyWatch(Path repository) {
        this.repository = repository;
        this.thread = new Thread(this::watch, "repository-watch");
        thread.setDaemon(true);
    }

    static ConcurrencyWatch start(Path repository) {
        ConcurrencyWatch watch = new ConcurrencyWatch(repository);
        watch.thread.start();
        return watch;
    }

    /** The most processes seen with temporary files in the repository at one moment. */
    int mostWritersAtOnce() {
        return mostWriters.get();
    }

    /** The processes seen writing. */
    Set<Long> writers() {
        return Set.copyOf(writers);
    }

    /** The processes the lock file was seen to name. */
    Set<Long> holders() {
        return Set.copyOf(holders);
    }

    private void watch() {
        while (running.get()) {
            sample();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The lock file is read before and after the listing, so a writer seen in the listing is named in one. */
    private void sample() {
        readHolder();
        Set<Long> now = new HashSet<>();
        try (Stream<Path> files = Files.list(repository)) {
            files.forEach(file -> {
                Matcher matcher = TEMPORARY.matcher(file.getFileName().toString());
                if (matcher.matches()) {
                    now.add(Long.parseLong(matcher.group(1)));
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            return; // not created yet, or a file went while listed: the next sample sees it
        }
        writers.addAll(now);
        mostWriters.accumulateAndGet(now.size(), Math::max);
        readHolder();
    }

    private void readHolder() {
        try {
            Matcher holder = HOLDER.matcher(Files.readString(repository.resolve(".lifeboat.lock"),
                    StandardCharsets.UTF_8));
            if (holder.find()) {
                holders.add(Long.parseLong(holder.group(1)));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // no lock file yet
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join();
    }
}
