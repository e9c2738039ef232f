package dev.lifeboat.adapter.filesystem;

import dev.lifeboat.domain.port.out.BackupRepository;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * The real directory repository whose archive writes fail as a full disk fails them ("No space left on device")
 * once an archive has taken a given number of bytes: the end-to-end suite's stand-in for a small file system where
 * the test may not mount one. It lives in the adapter's package because the adapter's seam for failing writes
 * (what an archive's bytes pass through on the way to disk) is package-private.
 */
public final class StorageFailingRepository {

    private StorageFailingRepository() {
    }

    /** The repository in an existing directory, its archives failing once they would pass {@code bytes}. */
    public static BackupRepository failingAfter(Path directory, long bytes) {
        return new FileSystemRepository(RepositoryDirectory.existing(directory.toAbsolutePath().normalize()),
                new TempFiles(), channel -> new FullAfter(channel, bytes, directory));
    }

    private static final class FullAfter implements WritableByteChannel {

        private final WritableByteChannel channel;
        private final long limit;
        private final Path directory;
        private long written;

        FullAfter(WritableByteChannel channel, long limit, Path directory) {
            this.channel = channel;
            this.limit = limit;
            this.directory = directory;
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            if (written + source.remaining() > limit) {
                int room = (int) (limit - written);
                if (room > 0) {
                    ByteBuffer head = source.slice().limit(room);
                    int n = channel.write(head);
                    source.position(source.position() + n);
                    written += n;
                    return n;
                }
                throw new FileSystemException(directory.toString(), null, "No space left on device");
            }
            int n = channel.write(source);
            written += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
