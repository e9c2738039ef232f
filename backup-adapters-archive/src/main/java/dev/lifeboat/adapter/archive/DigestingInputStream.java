package dev.lifeboat.adapter.archive;

import dev.lifeboat.domain.spi.Sha256;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Passes bytes through while counting them and taking their SHA-256; skipped bytes are read, so they count too. */
final class DigestingInputStream extends FilterInputStream {

    private final MessageDigest digest = Sha256.newDigest();
    private long count;

    DigestingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            digest.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            digest.update(b, off, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void mark(int readlimit) {
        // not supported: a reset would hash bytes twice
    }

    @Override
    public void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    long count() {
        return count;
    }

    /** The SHA-256 of everything read, as lower-case hex; call once, at the end. */
    String sha256() {
        return Sha256.hex(digest.digest());
    }
}
