package dev.lifeboat.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An attacker who can write to a repository: watches it and, as each of lifeboat's temporary files appears, plants
 * symbolic links at the names beside it that a tool opening the file may create ({@code -journal}, {@code -wal},
 * {@code -shm}) pointing at a file outside, and at a longer name starting with it pointing at a file that does not
 * exist yet. Knowing a name only once it exists is all an attacker can do: its random part cannot be guessed.
 */
final class TempNameWatcher {

    private static final String PREFIX = ".lifeboat-tmp-";
    private static final List<String> COMPANIONS = List.of("-journal", "-wal", "-shm");

    private final Path repository;
    private final Path victim;
    private final Path outside;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Set<String> seen = new LinkedHashSet<>();
    private final List<Path> planted = new ArrayList<>();
    private final Thread thread;
    private volatile RuntimeException failure;

    private TempNameWatcher(Path repository, Path victim, Path outside) {
        this.repository = repository;
        this.victim = victim;
        this.outside = outside;
        this.thread = new Thread(this::watch, "temp-name-watcher");
        thread.setDaemon(true);
    }

    /** Starts watching; {@link #stop()} ends it. */
    static TempNameWatcher start(Path repository, Path victim, Path outside) {
        TempNameWatcher watcher = new TempNameWatcher(repository, victim, outside);
        watcher.thread.start();
        return watcher;
    }

    /** Stops watching, and fails if watching itself failed. */
    void stop() throws InterruptedException {
        stopping.set(true);
        thread.join();
        if (failure != null) {
            throw failure;
        }
    }

    /** The temporary files that appeared while watching (not the links planted). */
    synchronized Set<String> seen() {
        return Set.copyOf(seen);
    }

    synchronized List<Path> planted() {
        return List.copyOf(planted);
    }

    private void watch() {
        try {
            while (!stopping.get()) {
                scan();
                Thread.onSpinWait();
            }
            scan();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private void scan() {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(repository, PREFIX + "*")) {
            files.forEach(entries::add);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (Files.isSymbolicLink(entry) || !Files.exists(entry, LinkOption.NOFOLLOW_LINKS) || isSeen(name)) {
                continue;
            }
            if (COMPANIONS.stream().anyMatch(name::endsWith) || seenPrefixOf(name)) {
                continue; // lifeboat's own companion of a file already seen
            }
            synchronized (this) {
                seen.add(name);
            }
            for (String companion : COMPANIONS) {
                plant(repository.resolve(name + companion), victim);
            }
            plant(repository.resolve(name + "-x"), outside.resolve("through-" + seen.size()));
        }
    }

    private synchronized boolean isSeen(String name) {
        return seen.contains(name);
    }

    private synchronized boolean seenPrefixOf(String name) {
        return seen.stream().anyMatch(name::startsWith);
    }

    private void plant(Path link, Path target) {
        try {
            Files.createSymbolicLink(link, target);
            synchronized (this) {
                planted.add(link);
            }
        } catch (FileAlreadyExistsException | NoSuchFileException e) {
            // lifeboat made that name first, or the directory went: nothing planted there
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
