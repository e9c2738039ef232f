package dev.lifeboat.adapter.postgres;

import dev.lifeboat.domain.spi.RowHashSum;
import dev.lifeboat.domain.model.TableFingerprint;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Passes COPY text through to the archive and adds each row to the table's fingerprint on the way: in text COPY a row
 * is one line (newlines inside values are written as {@code \n}), and the fingerprint hashes the line without its
 * newline (design.md section 5). Rows are hashed in pieces, so a row of any size costs no memory.
 */
final class CopyRowHasher extends OutputStream {

    private final OutputStream next;
    private final RowHashSum sum = new RowHashSum();
    private boolean midRow;

    CopyRowHasher(OutputStream next) {
        this.next = next;
    }

    /** Hashes rows without keeping them: for fingerprinting a live or restored database. */
    static CopyRowHasher discarding() {
        return new CopyRowHasher(OutputStream.nullOutputStream());
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        next.write(bytes, offset, length);
        int rowStart = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                sum.update(bytes, rowStart, i - rowStart);
                sum.endRow();
                rowStart = i + 1;
            }
        }
        if (rowStart < end) {
            sum.update(bytes, rowStart, end - rowStart);
        }
        midRow = rowStart < end || (midRow && length == 0);
    }

    @Override
    public void flush() throws IOException {
        next.flush();
    }

    /** The fingerprint of the rows passed through, or empty when the stream ended in the middle of a row. */
    Optional<TableFingerprint> completeResult() {
        return midRow ? Optional.empty() : Optional.of(sum.result());
    }

    /** The fingerprint of the rows passed through; the stream must have ended at a row's end. */
    TableFingerprint result() {
        if (midRow) {
            throw new IllegalStateException("the COPY stream ended in the middle of a row");
        }
        return sum.result();
    }
}
