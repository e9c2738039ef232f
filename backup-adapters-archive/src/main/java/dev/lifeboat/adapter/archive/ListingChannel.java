package dev.lifeboat.adapter.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * The archive as the tar library sees it while listing members. It bounds what the listing may read, so damaged
 * headers cannot make it read (and hold in memory) a large part of the archive, and it marks failures of the channel
 * itself, so they are reported as I/O errors and not mistaken for damage. Closing it leaves the archive open.
 */
final class ListingChannel implements SeekableByteChannel {

    /** Far more than the headers of any real archive: 64 MiB holds the headers of over 100,000 members. */
    static final long READ_LIMIT = 64L << 20;

    private final SeekableByteChannel channel;
    private long bytesRead;

    ListingChannel(SeekableByteChannel channel) {
        this.channel = channel;
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        int n;
        try {
            n = channel.read(target);
        } catch (IOException e) {
            throw new ChannelFailure(e);
        }
        if (n > 0) {
            bytesRead += n;
            if (bytesRead > READ_LIMIT) {
                throw new ReadLimitExceeded();
            }
        }
        return n;
    }

    @Override
    public int write(ByteBuffer source) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() throws IOException {
        try {
            return channel.position();
        } catch (IOException e) {
            throw new ChannelFailure(e);
        }
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        try {
            channel.position(newPosition);
            return this;
        } catch (IOException e) {
            throw new ChannelFailure(e);
        }
    }

    @Override
    public long size() throws IOException {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new ChannelFailure(e);
        }
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        // the reader owns the archive's channel and closes it
    }

    /** The channel failed: the archive could not be read, which says nothing about its contents. */
    static final class ChannelFailure extends IOException {
        ChannelFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The listing read more than any archive's headers take. */
    static final class ReadLimitExceeded extends IOException {
        ReadLimitExceeded() {
            super("its headers take more than " + (READ_LIMIT >> 20) + " MiB");
        }
    }
}
