package dev.lifeboat.adapter.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads another stream on a thread of its own, a few chunks ahead of its reader, so that producing the bytes (reading
 * the archive, hashing the stored bytes, decompressing) and using them (hashing the raw bytes, writing them out) run
 * on two cores instead of one. At most {@value #CHUNKS} chunks of {@value #CHUNK_BYTES} bytes are held, whatever the
 * size of the stream, and no more than {@code limit} bytes are ever read from the source. Failures of the source are
 * thrown from {@code read} as they were thrown to the reading thread. One reader thread, as for any stream.
 *
 * <p>Closing before the end stops the reading thread at its next chunk and waits for it, and only then closes the
 * source (a decompressor's native memory must not be freed under it). The reading thread is never interrupted: the
 * archive's channel, shared with other parts, would close.
 */
final class ReadAheadInputStream extends ArrayReadInputStream {

    static final int CHUNK_BYTES = 1 << 20;
    static final int CHUNKS = 4;

    /** What the reading thread hands over. */
    private sealed interface Handed permits Chunk, End, Failure {
    }

    private record Chunk(byte[] bytes, int length) implements Handed {
    }

    private record End() implements Handed {
    }

    private record Failure(Throwable failure) implements Handed {
    }

    private final InputStream source;
    private final long limit;
    private final BlockingQueue<Handed> full = new ArrayBlockingQueue<>(CHUNKS);
    private final BlockingQueue<byte[]> empty = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final Thread reader;
    private volatile boolean stopped;
    private Chunk current;
    private int position;
    private boolean ended;
    private boolean closed;

    private ReadAheadInputStream(InputStream source, long limit, String threadName) {
        this.source = source;
        this.limit = limit;
        for (int i = 0; i < CHUNKS + 1; i++) {
            empty.add(new byte[CHUNK_BYTES]);
        }
        this.reader = new Thread(this::readAhead, threadName);
        reader.setDaemon(true);
    }

    /**
     * Starts reading {@code source} ahead.
     *
     * @param limit      at most this many bytes are read from the source
     * @param threadName the reading thread's name
     */
    static ReadAheadInputStream start(InputStream source, long limit, String threadName) {
        ReadAheadInputStream stream = new ReadAheadInputStream(source, limit, threadName);
        stream.reader.start();
        return stream;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("the stream is closed");
        }
        if (len == 0) {
            return 0;
        }
        if (current == null || position == current.length()) {
            if (!next()) {
                return -1;
            }
        }
        int n = Math.min(len, current.length() - position);
        System.arraycopy(current.bytes(), position, b, off, n);
        position += n;
        return n;
    }

    // the next chunk, or false at the end; a failure of the source is thrown here
    private boolean next() throws IOException {
        if (current != null) {
            empty.add(current.bytes());
            current = null;
        }
        if (ended) {
            return false;
        }
        Handed handed;
        try {
            handed = full.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the next bytes");
        }
        if (handed instanceof Chunk chunk) {
            current = chunk;
            position = 0;
            return true;
        }
        ended = true;
        if (handed instanceof Failure failure) {
            throw rethrown(failure.failure());
        }
        return false;
    }

    private static IOException rethrown(Throwable failure) {
        if (failure instanceof IOException io) {
            return new IOException(io.getMessage(), io);
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IOException(failure);
    }

    private void readAhead() {
        long remaining = limit;
        try {
            while (!stopped) {
                byte[] bytes = empty.take();
                int filled = 0;
                while (filled < bytes.length && remaining > 0) {
                    int n = source.read(bytes, filled, (int) Math.min(bytes.length - filled, remaining));
                    if (n < 0) {
                        break;
                    }
                    filled += n;
                    remaining -= n;
                }
                if (filled > 0 && !hand(new Chunk(bytes, filled))) {
                    return;
                }
                if (filled < bytes.length) {
                    hand(new End());
                    return;
                }
            }
        } catch (InterruptedException e) {
            hand(new Failure(new InterruptedIOException("the reading thread was interrupted")));
        } catch (IOException | RuntimeException | Error e) {
            hand(new Failure(e));
        }
    }

    // hands something to the reader; false when the reader closed the stream meanwhile
    private boolean hand(Handed handed) {
        try {
            while (!stopped) {
                if (full.offer(handed, 50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        stopped = true;
        // wakes the reading thread if it waits for an empty chunk; it then sees that it is stopped
        empty.offer(new byte[0]);
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while stopping the reading thread");
        } finally {
            full.clear();
        }
        source.close();
    }
}
