package dev.lifeboat.adapter.archive;

import com.github.luben.zstd.EndDirective;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Compresses into one Zstandard frame, handing zstd its input and output through buffers outside the Java heap.
 *
 * <p>zstd-jni's own {@code ZstdOutputStream} pins the Java arrays it is given for the whole of each native call
 * (a JNI critical region), and with several workers such a call waits whenever every job is in flight. While an
 * array is pinned the serial collector cannot run, so the allocations of every other thread (a backup's fingerprint
 * workers allocate all the time) are served by growing the old generation, which then holds garbage until the next
 * full collection: a backup of a multi-GB database grew its heap to 290 MB this way, with 8 MB live. Direct buffers
 * pin nothing (docs/benchmarks.md, "Memory"). Not thread-safe.
 */
final class ZstdCompressingStream extends OutputStream {

    private final OutputStream out;
    private final ZstdCompressCtx context;
    private final ByteBuffer input;
    private final ByteBuffer output;
    private final byte[] transfer;
    private boolean closed;

    /**
     * @param out receives the compressed frame, and is closed with this stream
     * @param bufferSize the bytes gathered before each call into zstd
     */
    ZstdCompressingStream(OutputStream out, int level, int workers, int jobSize, int bufferSize) throws IOException {
        this.out = out;
        this.input = ByteBuffer.allocateDirect(bufferSize);
        this.output = ByteBuffer.allocateDirect(bufferSize);
        this.transfer = new byte[bufferSize];
        this.context = new ZstdCompressCtx();
        try {
            // the checksum lets `zstd -d` alone detect damage
            context.setLevel(level).setChecksum(true).setWorkers(workers).setJobSize(jobSize);
        } catch (ZstdException e) {
            context.close();
            throw new IOException("zstd refused its settings: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (!input.hasRemaining()) {
            compress(EndDirective.CONTINUE);
        }
        input.put((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ensureOpen();
        int from = offset;
        int left = length;
        while (left > 0) {
            if (!input.hasRemaining()) {
                compress(EndDirective.CONTINUE);
            }
            int chunk = Math.min(left, input.remaining());
            input.put(bytes, from, chunk);
            from += chunk;
            left -= chunk;
        }
    }

    /** Compresses and writes out all that was written so far, as {@code ZstdOutputStream.flush} does. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        compress(EndDirective.FLUSH);
        out.flush();
    }

    /** Ends the frame and closes the stream beneath; the frame is not ended when ending it failed. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (OutputStream beneath = out) {
            compress(EndDirective.END);
        } finally {
            context.close();
        }
    }

    // passes the gathered input to zstd, writing out what it produces, until the input is taken and, for FLUSH
    // and END, until zstd holds nothing more back
    private void compress(EndDirective directive) throws IOException {
        input.flip();
        try {
            boolean flushed;
            do {
                flushed = context.compressDirectByteBufferStream(output, input, directive);
                drain();
            } while (input.hasRemaining() || directive != EndDirective.CONTINUE && !flushed);
        } catch (ZstdException e) {
            throw new IOException("zstd failed to compress: " + e.getMessage(), e);
        }
        input.clear();
    }

    private void drain() throws IOException {
        output.flip();
        while (output.hasRemaining()) {
            int chunk = Math.min(output.remaining(), transfer.length);
            output.get(transfer, 0, chunk);
            out.write(transfer, 0, chunk);
        }
        output.clear();
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the zstd stream is closed");
        }
    }
}
