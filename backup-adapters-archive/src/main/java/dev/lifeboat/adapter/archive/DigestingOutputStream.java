package dev.lifeboat.adapter.archive;

import dev.lifeboat.domain.spi.Sha256;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Passes bytes on while counting them and taking their SHA-256. */
final class DigestingOutputStream extends FilterOutputStream {

    private final MessageDigest digest = Sha256.newDigest();
    private long count;

    DigestingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digest.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        // FilterOutputStream would pass the bytes on one at a time
        out.write(b, off, len);
        digest.update(b, off, len);
        count += len;
    }

    long count() {
        return count;
    }

    /** The SHA-256 of everything written, as lower-case hex; call once, when writing is done. */
    String sha256() {
        return Sha256.hex(digest.digest());
    }
}
