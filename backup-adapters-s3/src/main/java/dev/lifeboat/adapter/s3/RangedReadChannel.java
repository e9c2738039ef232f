package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.error.UnavailableException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * An object read with ranged GETs ({@code Range: bytes=N-}), never downloaded whole first. A read continues the open
 * request whose position it is at, or one a little behind (skipping what lies between); otherwise it opens a new one
 * there. A few requests stay open at once, so readers taking turns at several places (the parts of an archive restored
 * in parallel) each stream on from where they were rather than reopening at every turn. Every request requires the
 * object's entity tag as listed, so an object replaced meanwhile fails the read instead of mixing two objects' bytes.
 *
 * <p>A dropped connection is taken up again at the same position a few times before the read fails. Failures are
 * thrown as the failure the user sees (exit 3), naming the object, bucket and endpoint.
 */
final class RangedReadChannel implements SeekableByteChannel {

    /** Open requests kept at once: enough for the parts a restore reads in parallel on 2 to 4 cores. */
    static final int MAX_OPEN_REQUESTS = 4;
    /** A read this far ahead of an open request skips the bytes between rather than opening a new request. */
    static final long MAX_SKIP_BYTES = 256 * 1024;
    /** How often a dropped connection is reopened at the same position before the read fails. */
    private static final int REOPENS = 3;

    private final S3Bucket bucket;
    private final String key;
    private final long size;
    private final String eTag;
    private final String location;
    /** Least recently used first. */
    private final List<Cursor> cursors = new ArrayList<>();
    private long position;
    private boolean open = true;

    RangedReadChannel(S3Bucket bucket, String key, long size, String eTag, String location) {
        this.bucket = bucket;
        this.key = key;
        this.size = size;
        this.eTag = eTag;
        this.location = location;
    }

    /** One open GET and how far into the object it has been read. */
    private static final class Cursor {
        private final ResponseInputStream<GetObjectResponse> stream;
        private long position;

        Cursor(ResponseInputStream<GetObjectResponse> stream, long position) {
            this.stream = stream;
            this.position = position;
        }

        void abort() {
            stream.abort();
            try {
                stream.close();
            } catch (IOException e) {
                // aborted already: nothing more is read from it
            }
        }
    }

    @Override
    public synchronized int read(ByteBuffer target) throws IOException {
        requireOpen();
        if (position >= size) {
            return -1;
        }
        if (!target.hasRemaining()) {
            return 0;
        }
        int wanted = (int) Math.min(target.remaining(), size - position);
        for (int attempt = 0; ; attempt++) {
            Cursor cursor = cursorAt(position);
            try {
                int read = readInto(cursor, target, wanted);
                if (read < 0) {
                    throw new IOException("the connection ended " + (size - position) + " bytes before the end");
                }
                cursor.position += read;
                position += read;
                return read;
            } catch (IOException e) {
                cursors.remove(cursor);
                cursor.abort();
                if (attempt == REOPENS) {
                    throw new UnavailableException("cannot read " + location + " from " + bucket.describe()
                            + ": the connection failed " + (REOPENS + 1) + " times at byte " + position + " ("
                            + e.getMessage() + ")", e);
                }
            }
        }
    }

    @Override
    public int write(ByteBuffer source) {
        throw new NonWritableChannelException();
    }

    @Override
    public synchronized long position() throws IOException {
        requireOpen();
        return position;
    }

    @Override
    public synchronized SeekableByteChannel position(long newPosition) throws IOException {
        requireOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position: " + newPosition);
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        requireOpen();
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    /** Aborts the open requests: the rest of the object is not downloaded. */
    @Override
    public synchronized void close() {
        open = false;
        cursors.forEach(Cursor::abort);
        cursors.clear();
    }

    private Cursor cursorAt(long at) throws IOException {
        Cursor behind = null;
        for (Cursor cursor : cursors) {
            if (cursor.position == at) {
                return touched(cursor);
            }
            if (cursor.position < at && at - cursor.position <= MAX_SKIP_BYTES
                    && (behind == null || cursor.position > behind.position)) {
                behind = cursor;
            }
        }
        if (behind != null && skip(behind, at)) {
            return touched(behind);
        }
        if (cursors.size() == MAX_OPEN_REQUESTS) {
            cursors.remove(0).abort();
        }
        Cursor opened = new Cursor(get(at), at);
        cursors.add(opened);
        return opened;
    }

    private Cursor touched(Cursor cursor) {
        cursors.remove(cursor);
        cursors.add(cursor);
        return cursor;
    }

    /** Reads up to a position; false (and the request dropped) when the connection fails on the way. */
    private boolean skip(Cursor cursor, long to) {
        byte[] discard = new byte[(int) Math.min(8192, to - cursor.position)];
        try {
            while (cursor.position < to) {
                int read = cursor.stream.read(discard, 0, (int) Math.min(discard.length, to - cursor.position));
                if (read < 0) {
                    throw new IOException("the connection ended early");
                }
                cursor.position += read;
            }
            return true;
        } catch (IOException e) {
            cursors.remove(cursor);
            cursor.abort();
            return false;
        }
    }

    private ResponseInputStream<GetObjectResponse> get(long from) {
        try {
            return bucket.client().getObject(request -> request.bucket(bucket.name()).key(key).ifMatch(eTag)
                    .range("bytes=" + from + "-"));
        } catch (NoSuchKeyException e) {
            throw new UnavailableException("archive " + location + " is gone: it was deleted after it was listed", e);
        } catch (SdkException e) {
            if (S3Failures.status(e) == 412) {
                throw new UnavailableException("archive " + location + " was replaced after it was listed; look at "
                        + "what is there now", e);
            }
            throw bucket.failure("cannot read " + location, e);
        }
    }

    private static int readInto(Cursor cursor, ByteBuffer target, int wanted) throws IOException {
        if (target.hasArray()) {
            int read = cursor.stream.read(target.array(), target.arrayOffset() + target.position(), wanted);
            if (read > 0) {
                target.position(target.position() + read);
            }
            return read;
        }
        byte[] bytes = new byte[Math.min(wanted, 64 * 1024)];
        int read = cursor.stream.read(bytes, 0, bytes.length);
        if (read > 0) {
            target.put(bytes, 0, read);
        }
        return read;
    }

    private void requireOpen() throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}
