package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.spi.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The stream an archive is written to: it fills one part's buffer, hands each full part to be uploaded, and computes
 * the SHA-256 of every byte on the way, so the sidecar costs no second read. Memory stays at one part whatever the
 * archive's size. A failed upload is thrown as the failure the user sees (the uploader's), as the archive codec
 * above cannot tell an IOException's causes apart.
 */
final class PartOutput extends OutputStream {

    /** Uploads one part; throws the failure to report after discarding the archive. */
    interface PartUploader {
        void upload(int partNumber, byte[] bytes, int length);
    }

    private final byte[] buffer;
    private final int maxParts;
    private final PartUploader uploader;
    private final Runnable onTooLarge;
    private final MessageDigest digest = Sha256.newDigest();
    private int length;
    private int partsUploaded;
    private long bytesWritten;
    private boolean closed;

    /**
     * @param partSize   the bytes of every part but the last
     * @param maxParts   how many parts an upload may have
     * @param onTooLarge called when the archive outgrows {@code partSize * maxParts}: it discards the archive and
     *                   throws the failure to report
     */
    PartOutput(int partSize, int maxParts, PartUploader uploader, Runnable onTooLarge) {
        this.buffer = new byte[partSize];
        this.maxParts = maxParts;
        this.uploader = uploader;
        this.onTooLarge = onTooLarge;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int count) throws IOException {
        Objects.checkFromIndexSize(offset, count, bytes.length);
        if (closed) {
            throw new IOException("the archive's output is closed: it was committed, discarded, or failed earlier");
        }
        digest.update(bytes, offset, count);
        int from = offset;
        int remaining = count;
        while (remaining > 0) {
            if (length == buffer.length) {
                if (partsUploaded + 1 == maxParts) {
                    // the full buffer would be the last part an upload may have, and more bytes are coming
                    closed = true;
                    onTooLarge.run();
                    throw new IllegalStateException("onTooLarge must throw");
                }
                uploadBuffer();
            }
            int chunk = Math.min(remaining, buffer.length - length);
            System.arraycopy(bytes, from, buffer, length, chunk);
            length += chunk;
            from += chunk;
            remaining -= chunk;
        }
        bytesWritten += count;
    }

    /** Nothing: a part goes up only when full or at the end, as every part but the last must have the part size. */
    @Override
    public void flush() {
    }

    /** Only flushes: the archive, not the stream, decides when the upload ends. */
    @Override
    public void close() {
    }

    /**
     * Uploads what is buffered as the last part (an empty one when nothing was written, as an upload needs one) and
     * ends the stream.
     *
     * @return the SHA-256 of everything written, in lower-case hex
     */
    String finish() {
        if (closed) {
            throw new IllegalStateException("the archive's output was already finished or abandoned");
        }
        if (length > 0 || partsUploaded == 0) {
            uploadBuffer();
        }
        closed = true;
        return Sha256.hex(digest.digest());
    }

    /** Ends the stream without uploading what is buffered, as the archive is being discarded. */
    void abandon() {
        closed = true;
        length = 0;
    }

    /** How many bytes were written so far. */
    long bytesWritten() {
        return bytesWritten;
    }

    private void uploadBuffer() {
        try {
            uploader.upload(partsUploaded + 1, buffer, length);
        } catch (RuntimeException e) {
            closed = true;
            throw e;
        }
        partsUploaded++;
        length = 0;
    }
}
