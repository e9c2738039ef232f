package dev.lifeboat.adapter.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.concurrent.atomic.AtomicLong;

/** A channel that counts the bytes read through it, and can be told to fail as a broken disk would. */
final class CountingChannel implements SeekableByteChannel {

    private final SeekableByteChannel channel;
    private final AtomicLong bytesRead = new AtomicLong();
    private volatile long failAfter = Long.MAX_VALUE;
    private volatile boolean closed;

    CountingChannel(SeekableByteChannel channel) {
        this.channel = channel;
    }

    long bytesRead() {
        return bytesRead.get();
    }

    boolean isClosed() {
        return closed;
    }

    /** Reads fail with an I/O error once this many bytes have been read in all. */
    CountingChannel failingAfter(long bytes) {
        this.failAfter = bytes;
        return this;
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        if (bytesRead.get() >= failAfter) {
            throw new IOException("Input/output error");
        }
        int n = channel.read(target);
        if (n > 0) {
            bytesRead.addAndGet(n);
        }
        return n;
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        return channel.write(source);
    }

    @Override
    public long position() throws IOException {
        return channel.position();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        channel.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return channel.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
        channel.truncate(size);
        return this;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        channel.close();
    }
}
