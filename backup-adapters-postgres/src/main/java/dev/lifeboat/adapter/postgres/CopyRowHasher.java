package dev.lifeboat.adapter.postgres;

import dev.lifeboat.domain.spi.RowHashSum;
import dev.lifeboat.domain.model.TableFingerprint;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Passes COPY text through to the archive and adds each row to the table's fingerprint on the way: in text COPY a row
 * is one line (newlines inside values are written as {@code \n}), and the fingerprint hashes the line without its
 * newline (design.md section 5). Rows are hashed in pieces, so a row of any size costs no memory.
 */
final class CopyRowHasher extends OutputStream {

    private static final VarHandle LITTLE_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long LOWEST_BITS = 0x0101010101010101L;
    private static final long HIGHEST_BITS = 0x8080808080808080L;

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
        for (int newline = newline(bytes, rowStart, end); newline < end; newline = newline(bytes, rowStart, end)) {
            sum.update(bytes, rowStart, newline - rowStart);
            sum.endRow();
            rowStart = newline + 1;
        }
        if (rowStart < end) {
            sum.update(bytes, rowStart, end - rowStart);
        }
        midRow = rowStart < end || (midRow && length == 0);
    }

    /**
     * Where the first newline of {@code bytes[from, end)} is, or {@code end}: eight bytes at a time, a byte that equals
     * {@code '\n'} being one that is zero after an exclusive or with it (the lowest flagged byte is the first zero:
     * a borrow can only flag bytes above one). On 500 MB of 110-byte rows: 0.075 s against 0.43 s byte by byte, and
     * the hasher as a whole, SHA-256 of every row included, 0.72 s against 0.77 s.
     */
    static int newline(byte[] bytes, int from, int end) {
        int at = from;
        for (; at + Long.BYTES <= end; at += Long.BYTES) {
            long word = (long) LITTLE_ENDIAN_LONG.get(bytes, at) ^ NEWLINES;
            long zeroBytes = (word - LOWEST_BITS) & ~word & HIGHEST_BITS;
            if (zeroBytes != 0) {
                return at + (Long.numberOfTrailingZeros(zeroBytes) >>> 3);
            }
        }
        for (; at < end; at++) {
            if (bytes[at] == '\n') {
                return at;
            }
        }
        return end;
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
