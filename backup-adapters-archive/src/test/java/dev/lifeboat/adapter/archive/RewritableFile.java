package dev.lifeboat.adapter.archive;

import dev.lifeboat.domain.spi.RewritableOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An archive's output that is a file written in place, as the file-system repository's is, so the writer puts a part
 * straight into the archive. It can be told to fail one append, as a disk that is briefly full would, or to give up
 * as the repository does: its failure first, then "closed" for every later call.
 */
final class RewritableFile extends OutputStream implements RewritableOutput {

    private final FileChannel file;
    private boolean rewriting;
    private long failingAppendsAfter = Long.MAX_VALUE;
    private long brokenAfter = Long.MAX_VALUE;
    private RuntimeException breaking;
    private boolean broken;

    private RewritableFile(FileChannel file) {
        this.file = file;
    }

    static RewritableFile create(Path path) throws IOException {
        return new RewritableFile(FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE));
    }

    /** The next append that would take the file past {@code size} bytes fails, once. */
    void failOnceBeyond(long size) {
        failingAppendsAfter = size;
    }

    /** The first append that would take the file past {@code size} bytes throws {@code failure}; the rest fail. */
    void breakBeyond(long size, RuntimeException failure) {
        brokenAfter = size;
        breaking = failure;
    }

    /** Whether the writer wrote anything in place. */
    boolean rewritten() {
        return rewriting;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (broken) {
            throw new IOException("the archive's output is closed: it failed earlier");
        }
        if (file.position() + length > brokenAfter) {
            broken = true;
            throw breaking;
        }
        if (file.position() + length > failingAppendsAfter) {
            failingAppendsAfter = Long.MAX_VALUE;
            throw new IOException("No space left on device");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        while (buffer.hasRemaining()) {
            file.write(buffer);
        }
    }

    @Override
    public void startRewriting() {
        rewriting = true;
    }

    @Override
    public long end() throws IOException {
        return file.position();
    }

    @Override
    public void writeAt(long position, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            file.write(buffer, position + buffer.position());
        }
    }

    @Override
    public void moveTail(long position, int distance) throws IOException {
        long end = file.position();
        // the parts of these tests are small enough to move in one piece
        ByteBuffer tail = ByteBuffer.allocate(Math.toIntExact(end - position));
        while (tail.hasRemaining()) {
            file.read(tail, position + tail.position());
        }
        writeAt(position + distance, tail.array());
        file.position(end + distance);
    }

    @Override
    public void truncate(long size) throws IOException {
        file.truncate(size);
        file.position(size);
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
