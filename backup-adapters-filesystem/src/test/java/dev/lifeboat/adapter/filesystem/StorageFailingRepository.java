package dev.lifeboat.adapter.filesystem;

import dev.lifeboat.domain.spi.BackupRepository;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The real directory repository whose archive writes fail once an archive has taken a given number of bytes: by
 * default as a full disk fails them ("No space left on device"). The end-to-end suite's stand-in for a small file
 * system where the test may not mount one, and this module's way to fail writes at a chosen byte. It lives in the
 * adapter's package because the adapter's seam for failing writes (what an archive's bytes pass through on the way
 * to disk) is package-private, and ships in this module's test jar.
 */
public final class StorageFailingRepository {

    private StorageFailingRepository() {
    }

    /** The repository in an existing directory, its archives failing as a full disk once they would pass {@code bytes}. */
    public static BackupRepository failingAfter(Path directory, long bytes) {
        Path repository = directory.toAbsolutePath().normalize();
        return failingAfter(repository, bytes,
                () -> new FileSystemException(repository.toString(), null, "No space left on device"));
    }

    /** The repository in an existing directory, its archives failing with {@code failure} past {@code bytes}. */
    static FileSystemRepository failingAfter(Path directory, long bytes, Supplier<IOException> failure) {
        return new FileSystemRepository(RepositoryDirectory.existing(directory), new TempFiles(),
                channel -> new FailingAfter(channel, bytes, failure));
    }

    /** Writes up to the limit, then fails every write. */
    private static final class FailingAfter implements WritableByteChannel {

        private final WritableByteChannel channel;
        private final long limit;
        private final Supplier<IOException> failure;
        private long written;

        FailingAfter(WritableByteChannel channel, long limit, Supplier<IOException> failure) {
            this.channel = channel;
            this.limit = limit;
            this.failure = failure;
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            if (written + source.remaining() > limit) {
                int room = (int) (limit - written);
                if (room <= 0) {
                    throw failure.get();
                }
                int n = channel.write(source.slice().limit(room));
                source.position(source.position() + n);
                written += n;
                return n;
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
