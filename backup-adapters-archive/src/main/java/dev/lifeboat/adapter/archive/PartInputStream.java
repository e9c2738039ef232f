package dev.lifeboat.adapter.archive;

import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.spi.Sha256;
import dev.lifeboat.domain.model.PartInfo;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The raw bytes of one part, verified as they stream: the stored bytes are hashed, decompressed, cut off one byte
 * past the manifest's raw size (so a decompression bomb stops there), and hashed again. At the end, sizes and hashes
 * are compared with the manifest; a mismatch is thrown from {@code read} instead of returning end-of-stream, so no
 * reader can take a damaged part for a whole one. A large part is read from the archive and decompressed a few chunks
 * ahead, on a thread of its own ({@link ReadAheadInputStream}), while its reader hashes and uses the raw bytes.
 */
final class PartInputStream extends ArrayReadInputStream {

    /** Parts this large are read and decompressed on a thread of their own, a few chunks ahead of their reader. */
    static final long READ_AHEAD_FROM_BYTES = 4L * ReadAheadInputStream.CHUNK_BYTES;

    private final String archiveName;
    private final PartInfo part;
    private final DigestingInputStream stored;
    private final MessageDigest rawDigest = Sha256.newDigest();
    private InputStream decompressed;
    private long rawCount;
    private boolean verified;
    private boolean closed;

    PartInputStream(ArchiveChannel channel, PartLocation location) {
        this.archiveName = channel.archiveName();
        this.part = location.info();
        this.stored = new DigestingInputStream(
                new MemberInputStream(channel, location.dataOffset(), part.storedSize(), part.memberName()));
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("the stream of part " + part.name() + " is closed");
        }
        if (verified) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        long allowed = part.rawSize() - rawCount;
        // once the declared size is reached, one more byte is asked for: if it comes, the part is larger than declared
        int n = readDecompressed(b, off, allowed > 0 ? (int) Math.min(len, allowed) : 1);
        if (n < 0) {
            verifyAtEnd();
            return -1;
        }
        if (allowed == 0 && n > 0) {
            throw damaged("it expands beyond its declared raw size of " + part.rawSize() + " bytes, so it was not "
                    + "decompressed further (a damaged part or a decompression bomb)");
        }
        rawDigest.update(b, off, n);
        rawCount += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (decompressed != null) {
            // frees the decompressor's native memory; the archive's channel stays open for other parts
            decompressed.close();
        }
    }

    private int readDecompressed(byte[] b, int off, int len) {
        try {
            if (decompressed == null) {
                decompressed = Compressors.decompressing(part.compression(), stored);
                if (part.rawSize() >= READ_AHEAD_FROM_BYTES) {
                    // one more byte than declared, so that a part larger than its manifest says is caught
                    decompressed = ReadAheadInputStream.start(decompressed, part.rawSize() + 1,
                            "lifeboat-part-" + part.name());
                }
            }
            return decompressed.read(b, off, len);
        } catch (IOException e) {
            throw damaged("its " + part.compression().id() + " data cannot be decompressed ("
                    + ArchiveIoFailures.describe(e) + ")", e);
        }
    }

    private void verifyAtEnd() {
        drainStored();
        String storedSha256 = stored.sha256();
        if (stored.count() != part.storedSize() || !storedSha256.equals(part.storedSha256())) {
            throw damaged("its stored bytes have SHA-256 " + storedSha256 + " but the manifest records "
                    + part.storedSha256());
        }
        if (rawCount != part.rawSize()) {
            throw damaged("it decompresses to " + rawCount + " bytes but the manifest records " + part.rawSize());
        }
        String rawSha256 = Sha256.hex(rawDigest.digest());
        if (!rawSha256.equals(part.rawSha256())) {
            throw damaged("its content has SHA-256 " + rawSha256 + " but the manifest records " + part.rawSha256());
        }
        verified = true;
    }

    /** Reads what the decompressor left behind, so bytes after the compressed data count in the stored hash. */
    private void drainStored() {
        byte[] buffer = new byte[8192];
        try {
            while (stored.read(buffer, 0, buffer.length) >= 0) {
                // hashing is all that is needed
            }
        } catch (IOException e) {
            throw damaged("its stored bytes cannot be read (" + ArchiveIoFailures.describe(e) + ")", e);
        }
    }

    private VerificationFailedException damaged(String detail) {
        return new VerificationFailedException(message(detail));
    }

    private VerificationFailedException damaged(String detail, Throwable cause) {
        return new VerificationFailedException(message(detail), cause);
    }

    private String message(String detail) {
        return "part " + part.name() + " in " + archiveName + " is damaged: " + detail;
    }
}
