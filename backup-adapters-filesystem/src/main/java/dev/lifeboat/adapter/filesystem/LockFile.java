package dev.lifeboat.adapter.filesystem;

import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.error.OperationInterruptedException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.HostIdentity;
import dev.lifeboat.domain.model.LockHolder;
import dev.lifeboat.domain.spi.RepositoryLock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The repository's lock: an OS lock on {@code .lifeboat.lock}, so a process that dies, even by SIGKILL, releases it.
 * The file names its holder while held and is emptied, never deleted, on release: deleting it would let a waiter
 * that opened the old file lock it while a newcomer locks a new one.
 *
 * <p>On Linux and macOS Java's file locks are POSIX record locks, which belong to the process: closing any channel
 * on the file releases the lock taken through another. So this JVM never opens a lock file it already holds (a
 * registry of held locks answers instead), and all opening and closing of lock files happens under one monitor.
 */
final class LockFile {

    static final String NAME = ".lifeboat.lock";
    private static final long POLL_MILLIS = 100;
    private static final Duration FOREVER = Duration.ofDays(365L * 100);

    private static final Object MONITOR = new Object();
    private static final Map<Object, HeldLock> HELD = new HashMap<>();
    /**
     * Channels that found the file locked through a channel this registry does not know (another copy of this class
     * in another class loader): closing them would release that lock, so they stay open.
     */
    private static final List<FileChannel> KEPT_OPEN = new ArrayList<>();

    private LockFile() {
    }

    /**
     * Takes the lock of a repository directory, trying every 100 ms until the timeout.
     *
     * @throws LockedException naming the holder when the lock is still taken after the timeout
     */
    static HeldLock acquire(Path directory, Duration timeout, String command) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative lock timeout: " + timeout);
        }
        long start = System.nanoTime();
        long waitNanos = (timeout.compareTo(FOREVER) > 0 ? FOREVER : timeout).toNanos();
        while (true) {
            Attempt attempt = tryOnce(directory, command);
            if (attempt.lock().isPresent()) {
                ShutdownCleanup.releaseLocksAtShutdown();
                return attempt.lock().get();
            }
            long remainingNanos = waitNanos - (System.nanoTime() - start);
            if (remainingNanos <= 0) {
                throw locked(directory, attempt.holder(), timeout);
            }
            sleep(directory, Math.min(POLL_MILLIS, Math.max(1, remainingNanos / 1_000_000)));
        }
    }

    /** Empties the file and releases the lock; a failure here is harmless, as the OS releases it at exit. */
    static void release(HeldLock lock) {
        synchronized (MONITOR) {
            if (!lock.markReleased()) {
                return;
            }
            HELD.remove(lock.key());
            try (FileChannel channel = lock.channel()) {
                channel.truncate(0);
            } catch (IOException e) {
                // the next holder takes this for a stale lock and says so; nothing is lost
            }
        }
    }

    /** Releases every lock this process holds, for a JVM that is shutting down. */
    static void releaseAll() {
        List<HeldLock> held;
        synchronized (MONITOR) {
            held = List.copyOf(HELD.values());
        }
        held.forEach(LockFile::release);
    }

    private record Attempt(Optional<HeldLock> lock, Optional<LockHolder> holder) {

        static Attempt refused(Optional<LockHolder> holder) {
            return new Attempt(Optional.empty(), holder);
        }
    }

    private static Attempt tryOnce(Path directory, String command) {
        Path file = directory.resolve(NAME);
        synchronized (MONITOR) {
            try {
                Optional<Object> key = fileKey(file);
                if (key.isPresent() && HELD.containsKey(key.get())) {
                    return Attempt.refused(Optional.of(HELD.get(key.get()).holder()));
                }
                FileChannel channel = PrivateFiles.openOrCreate(file);
                FileLock fileLock;
                try {
                    fileLock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    KEPT_OPEN.add(channel);
                    return Attempt.refused(LockFileContent.decode(read(channel)));
                } catch (IOException e) {
                    channel.close();
                    throw e;
                }
                if (fileLock == null) {
                    try (channel) {
                        return Attempt.refused(LockFileContent.decode(read(channel)));
                    }
                }
                HeldLock lock = takeOver(directory, file, channel, fileLock, command);
                HELD.put(lock.key(), lock);
                return new Attempt(Optional.of(lock), Optional.of(lock.holder()));
            } catch (IOException e) {
                if (Files.isSymbolicLink(file)) {
                    throw new UnavailableException("the lock file " + file + " is a symbolic link, which lifeboat "
                            + "never follows, as it could lead to any file: remove the link and retry", e);
                }
                throw RepositoryIoFailures.writeFailure(directory, file, e);
            }
        }
    }

    /** Writes our name into a file we just locked, noting who held it before if it was not emptied. */
    private static HeldLock takeOver(Path directory, Path file, FileChannel channel, FileLock fileLock,
                                     String command) throws IOException {
        try {
            byte[] previous = read(channel);
            Optional<LockHolder> tookOverFrom = previous.length == 0 ? Optional.empty()
                    : Optional.of(LockFileContent.decode(previous).orElseGet(() -> unknownHolder(file)));
            LockHolder holder = new LockHolder(ProcessHandle.current().pid(), HostIdentity.local().name(),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS), command);
            channel.truncate(0);
            ByteBuffer content = ByteBuffer.wrap(LockFileContent.encode(holder));
            for (long position = 0; content.hasRemaining(); ) {
                position += channel.write(content, position);
            }
            Object key = fileKey(file).orElse(file);
            return new HeldLock(directory, channel, fileLock, holder, tookOverFrom, key);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    private static LockHolder unknownHolder(Path file) {
        Instant modified;
        try {
            modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException e) {
            modified = Instant.EPOCH;
        }
        return new LockHolder(-1, "unknown-host", modified, "a run whose lock file could not be read");
    }

    /** The file's identity (device and inode), which stays the same whatever path leads to it. */
    private static Optional<Object> fileKey(Path file) throws IOException {
        try {
            Object key = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return Optional.of(key == null ? file : key);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static byte[] read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(LockFileContent.MAX_BYTES);
        for (int n = 0; n >= 0 && buffer.hasRemaining(); ) {
            n = channel.read(buffer, buffer.position());
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static LockedException locked(Path directory, Optional<LockHolder> holder, Duration waited) {
        String by = holder.map(h -> h.command() + " (pid " + h.pid() + " on host " + h.host() + ", started "
                        + h.startedAt() + ")")
                .orElse("another run (which has not written its name into " + NAME + " yet)");
        return new LockedException("repository " + directory + " is locked by " + by
                + RepositoryLock.busyAdvice(waited));
    }

    private static void sleep(Path directory, long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationInterruptedException("interrupted while waiting for the lock on repository "
                    + directory, e);
        }
    }
}
