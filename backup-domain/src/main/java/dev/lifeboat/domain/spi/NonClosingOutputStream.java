package dev.lifeboat.domain.spi;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A stream that passes writes through and turns {@code close} into {@code flush}, for handing a stream that belongs
 * to someone else (an archive's output, a job's {@code out}, standard output) to a library that closes what it is
 * given, such as a compressor, a tar writer or an encryption stream, when it finishes or fails.
 */
public final class NonClosingOutputStream extends FilterOutputStream {

    /**
     * Wraps a stream that stays open.
     *
     * @param out the stream writes go to; flushed, never closed, by this one
     */
    public NonClosingOutputStream(OutputStream out) {
        super(out);
    }

    /**
     * Writes the bytes to the wrapped stream in one call (FilterOutputStream would write them one at a time).
     *
     * @param bytes  the data
     * @param offset where in {@code bytes} it starts
     * @param length how many bytes
     * @throws IOException when the wrapped stream fails
     */
    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    /**
     * Flushes the wrapped stream and leaves it open.
     *
     * @throws IOException when the flush fails
     */
    @Override
    public void close() throws IOException {
        out.flush();
    }
}
