package dev.lifeboat.adapter.archive;

import dev.lifeboat.domain.error.VerificationFailedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;

/**
 * An archive's bytes, read at given positions. Several threads may read at once: a file channel reads at a position
 * without moving a shared one, and any other channel is used by one thread at a time.
 */
final class ArchiveChannel implements AutoCloseable {

    private final SeekableByteChannel channel;
    private final String archiveName;

    ArchiveChannel(SeekableByteChannel channel, String archiveName) {
        this.channel = channel;
        this.archiveName = archiveName;
    }

    String archiveName() {
        return archiveName;
    }

    long size() {
        try {
            return channel.size();
        } catch (IOException e) {
            throw ArchiveIoFailures.reading(archiveName, e);
        }
    }

    /** Reads into {@code target} from {@code position}; -1 at the end of the archive. */
    int read(ByteBuffer target, long position) {
        try {
            if (channel instanceof FileChannel file) {
                return file.read(target, position);
            }
            synchronized (this) {
                channel.position(position);
                return channel.read(target);
            }
        } catch (IOException e) {
            throw ArchiveIoFailures.reading(archiveName, e);
        }
    }

    /**
     * Reads exactly {@code length} bytes from {@code position}.
     *
     * @param what what the bytes are, for the message when the archive ends before them
     */
    byte[] readFully(long position, int length, String what) {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (read(buffer, position + buffer.position()) < 0) {
                throw new VerificationFailedException(archiveName + " is corrupt or truncated: it ends inside " + what);
            }
        }
        return buffer.array();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw ArchiveIoFailures.reading(archiveName, e);
        }
    }
}
