package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.spi.Progress;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.function.BooleanSupplier;

/** Moves bytes between files and parts in large chunks, reporting progress; memory stays at one buffer. */
final class ByteCopy {

    private static final int BUFFER_BYTES = 1 << 20;

    private ByteCopy() {
    }

    /**
     * Copies the first bytes of a file, from its start.
     *
     * @param length how many bytes to copy; the file must have at least that many
     * @param stop   checked between chunks: a reason to give up early, such as a parallel task that failed
     * @return whether it copied them all (false when stopped)
     * @throws EOFException when the file ends first
     */
    static boolean copy(RandomAccessFile in, long length, OutputStream out, Progress.Task task, BooleanSupplier stop)
            throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        in.seek(0);
        long done = 0;
        while (done < length) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, length - done));
            if (read < 0) {
                throw new EOFException("the file ended after " + done + " of " + length + " bytes");
            }
            out.write(buffer, 0, read);
            done += read;
            task.update(done);
            if (stop.getAsBoolean()) {
                return false;
            }
        }
        return true;
    }

    /** Copies an input, read to its end, into a file channel. */
    static long copy(InputStream in, FileChannel out, Progress.Task task) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        long done = 0;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
            while (chunk.hasRemaining()) {
                out.write(chunk);
            }
            done += read;
            task.update(done);
        }
        return done;
    }
}
