package dev.lifeboat.adapter.filesystem;

import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.spi.RewritableOutput;
import dev.lifeboat.domain.spi.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.function.Function;

/**
 * A buffered stream into an archive's temporary file that computes the SHA-256 of every byte on the way, so the
 * sidecar costs no second read. A write failure is reported as the failure the user sees (a full disk, an unwritable
 * repository) rather than an IOException, because the archive codec above cannot tell those apart.
 *
 * <p>An archive codec may also write bytes again in place ({@link RewritableOutput}): from then on nothing is hashed
 * on the way, and {@link #finish} reads the file back once instead.
 *
 * <p>Closing the stream only flushes it: the archive, not the stream, decides when the file is synced and published.
 */
final class HashingOutput extends OutputStream implements RewritableOutput {

    private static final int BUFFER_BYTES = 128 * 1024;

    /** How much of the file is moved or read back at a time when it is rewritten. */
    private static final int REWRITE_CHUNK_BYTES = 1 << 20;

    private final WritableByteChannel channel;
    private final FileChannel file;
    private final Function<IOException, LifeboatException> onFailure;
    private final MessageDigest digest = Sha256.newDigest();
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private boolean rewriting;
    private boolean closed;

    /**
     * @param channel   where appended bytes go, on their way into {@code file}
     * @param file      the archive's file, for bytes written again and for reading it back
     * @param onFailure discards the archive and returns the failure to throw
     */
    HashingOutput(WritableByteChannel channel, FileChannel file, Function<IOException, LifeboatException> onFailure) {
        this.channel = channel;
        this.file = file;
        this.onFailure = onFailure;
    }

    @Override
    public void write(int b) throws IOException {
        requireOpen();
        if (!buffer.hasRemaining()) {
            drain();
        }
        buffer.put((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        requireOpen();
        if (length > buffer.remaining()) {
            drain();
        }
        if (length >= buffer.capacity()) {
            hashAndWrite(bytes, offset, length);
        } else {
            buffer.put(bytes, offset, length);
        }
    }

    @Override
    public void flush() {
        if (!closed) {
            drain();
        }
    }

    @Override
    public void close() {
        flush();
        closed = true;
    }

    /** Writes what is buffered and ends the stream; returns the SHA-256 of everything written, in lower-case hex. */
    String finish() {
        close();
        return rewriting ? readBack() : Sha256.hex(digest.digest());
    }

    @Override
    public void startRewriting() throws IOException {
        requireOpen();
        drain();
        rewriting = true;
    }

    @Override
    public long end() throws IOException {
        requireOpen();
        drain();
        return file.position();
    }

    @Override
    public void writeAt(long position, byte[] bytes) throws IOException {
        requireRewriting();
        drain();
        if (position < 0 || position + bytes.length > file.position()) {
            throw new IllegalArgumentException("bytes " + position + " to " + (position + bytes.length) + " are not "
                    + "all in the " + file.position() + " bytes written");
        }
        writeFully(ByteBuffer.wrap(bytes), position);
    }

    @Override
    public void moveTail(long position, int distance) throws IOException {
        requireRewriting();
        drain();
        long end = file.position();
        if (position < 0 || position > end || distance < 0) {
            throw new IllegalArgumentException("cannot move the bytes from " + position + " of " + end + " by "
                    + distance);
        }
        ByteBuffer chunk = ByteBuffer.allocate(REWRITE_CHUNK_BYTES);
        // from the end backwards, so that no byte is overwritten before it has moved
        for (long to = end; to > position; ) {
            long from = Math.max(position, to - REWRITE_CHUNK_BYTES);
            chunk.clear().limit((int) (to - from));
            try {
                readFully(chunk, from);
            } catch (IOException e) {
                throw failed(e);
            }
            writeFully(chunk.flip(), from + distance);
            to = from;
        }
        reposition(end + distance);
    }

    @Override
    public void truncate(long size) throws IOException {
        requireRewriting();
        drain();
        if (size < 0 || size > file.position()) {
            throw new IllegalArgumentException("cannot cut " + file.position() + " bytes back to " + size);
        }
        try {
            file.truncate(size);
        } catch (IOException e) {
            throw failed(e);
        }
        reposition(size);
    }

    private void requireRewriting() throws IOException {
        requireOpen();
        if (!rewriting) {
            throw new IllegalStateException("startRewriting was not called");
        }
    }

    private void reposition(long position) {
        try {
            file.position(position);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    // the SHA-256 of the whole file, read back from the start
    private String readBack() {
        MessageDigest whole = Sha256.newDigest();
        ByteBuffer chunk = ByteBuffer.allocate(REWRITE_CHUNK_BYTES);
        try {
            long size = file.size();
            for (long at = 0; at < size; at += chunk.limit()) {
                chunk.clear().limit((int) Math.min(REWRITE_CHUNK_BYTES, size - at));
                readFully(chunk, at);
                whole.update(chunk.array(), 0, chunk.limit());
            }
        } catch (IOException e) {
            throw failed(e);
        }
        return Sha256.hex(whole.digest());
    }

    private void readFully(ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            if (file.read(into, position + into.position()) < 0) {
                throw new IOException("the archive's file ended at " + (position + into.position()) + " bytes, "
                        + "before what was written to it");
            }
        }
    }

    private void writeFully(ByteBuffer bytes, long position) {
        try {
            while (bytes.hasRemaining()) {
                file.write(bytes, position + bytes.position());
            }
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** Ends the stream without writing what is buffered, as the archive is being discarded. */
    void abandon() {
        closed = true;
        buffer.clear();
    }

    // the archive is discarded at the first failure
    private LifeboatException failed(IOException e) {
        abandon();
        return onFailure.apply(e);
    }

    private void requireOpen() throws IOException {
        if (closed) {
            throw new IOException("the archive's output is closed: it was committed, discarded, or failed earlier");
        }
    }

    private void drain() {
        hashAndWrite(buffer.array(), 0, buffer.position());
        buffer.clear();
    }

    // once the file may be written again in place, its checksum is read back at the end instead
    private void hashAndWrite(byte[] bytes, int offset, int length) {
        if (!rewriting) {
            digest.update(bytes, offset, length);
        }
        writeFully(ByteBuffer.wrap(bytes, offset, length));
    }

    private void writeFully(ByteBuffer bytes) {
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            throw failed(e);
        }
    }
}
