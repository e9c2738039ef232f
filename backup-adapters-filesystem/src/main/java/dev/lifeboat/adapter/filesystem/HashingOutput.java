package dev.lifeboat.adapter.filesystem;

import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.spi.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.function.Function;

/**
 * A buffered stream into an archive's temporary file that computes the SHA-256 of every byte on the way, so the
 * sidecar costs no second read. A write failure is reported as the failure the user sees (a full disk, an unwritable
 * repository) rather than an IOException, because the archive codec above cannot tell those apart.
 *
 * <p>Closing the stream only flushes it: the archive, not the stream, decides when the file is synced and published.
 */
final class HashingOutput extends OutputStream {

    private static final int BUFFER_BYTES = 128 * 1024;

    private final WritableByteChannel channel;
    private final Function<IOException, LifeboatException> onFailure;
    private final MessageDigest digest = Sha256.newDigest();
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private boolean closed;

    /** @param onFailure discards the archive and returns the failure to throw */
    HashingOutput(WritableByteChannel channel, Function<IOException, LifeboatException> onFailure) {
        this.channel = channel;
        this.onFailure = onFailure;
    }

    @Override
    public void write(int b) throws IOException {
        requireOpen();
        digest.update((byte) b);
        if (!buffer.hasRemaining()) {
            drain();
        }
        buffer.put((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        requireOpen();
        digest.update(bytes, offset, length);
        if (length > buffer.remaining()) {
            drain();
        }
        if (length >= buffer.capacity()) {
            writeFully(ByteBuffer.wrap(bytes, offset, length));
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
        return Sha256.hex(digest.digest());
    }

    /** Ends the stream without writing what is buffered, as the archive is being discarded. */
    void abandon() {
        closed = true;
        buffer.clear();
    }

    private void requireOpen() throws IOException {
        if (closed) {
            throw new IOException("the archive's output is closed: it was committed, discarded, or failed earlier");
        }
    }

    private void drain() {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(ByteBuffer bytes) {
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            abandon();
            throw onFailure.apply(e);
        }
    }
}
