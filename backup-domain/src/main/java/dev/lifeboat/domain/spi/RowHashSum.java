package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.model.TableFingerprint;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.DigestException;
import java.security.MessageDigest;

/**
 * The order-independent hash of a table: the sum, modulo 2^256, of the SHA-256 of each row's canonical bytes.
 * Because addition commutes, rows can be added in any order, by several workers whose sums are then
 * {@link #merge merged}, and the result is the same. Not thread-safe: one instance per worker.
 */
public final class RowHashSum {

    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final MessageDigest digest = Sha256.newDigest();
    private final byte[] rowHash = new byte[32];
    private final long[] rowLimbs = new long[4];
    // the 256-bit sum as four unsigned 64-bit limbs, limbs[0] the most significant
    private final long[] limbs = new long[4];
    private long rows;

    /**
     * Adds one row given as its canonical bytes.
     *
     * @param canonical a buffer holding the row's canonical bytes
     * @param offset    where the row starts in it
     * @param length    the row's length in bytes
     */
    public void add(byte[] canonical, int offset, int length) {
        update(canonical, offset, length);
        endRow();
    }

    /**
     * Feeds a piece of the current row's canonical bytes; {@link #endRow} completes the row. For engines that stream
     * rows in pieces, so that a row of any size is hashed without holding it whole.
     *
     * @param canonical a buffer holding a piece of the row's canonical bytes
     * @param offset    where the piece starts in it
     * @param length    the piece's length in bytes
     */
    public void update(byte[] canonical, int offset, int length) {
        digest.update(canonical, offset, length);
    }

    /** Completes the row whose bytes {@link #update} was given, and adds it. */
    public void endRow() {
        try {
            digest.digest(rowHash, 0, rowHash.length);
        } catch (DigestException e) {
            throw new IllegalStateException("a SHA-256 digest is 32 bytes", e);
        }
        for (int i = 0; i < 4; i++) {
            rowLimbs[i] = (long) BIG_ENDIAN_LONG.get(rowHash, i * 8);
        }
        addLimbs(rowLimbs);
        rows++;
    }

    /**
     * Adds one row built with {@link CanonicalRow}.
     *
     * @param row the row
     */
    public void add(CanonicalRow row) {
        add(row.bytes(), 0, row.length());
    }

    /**
     * Adds the rows another worker summed.
     *
     * @param other the other worker's sum, left unchanged
     */
    public void merge(RowHashSum other) {
        addLimbs(other.limbs);
        rows += other.rows;
    }

    /** {@return how many rows were added} */
    public long rows() {
        return rows;
    }

    /** {@return the table's fingerprint: the row count and the sum as 64 lower-case hex digits} */
    public TableFingerprint result() {
        StringBuilder hex = new StringBuilder(64);
        for (long limb : limbs) {
            String part = Long.toHexString(limb);
            hex.append("0".repeat(16 - part.length())).append(part);
        }
        return new TableFingerprint(rows, hex.toString());
    }

    private void addLimbs(long[] addend) {
        long carry = 0;
        for (int i = 3; i >= 0; i--) {
            long partial = limbs[i] + addend[i];
            long carryFromAddend = Long.compareUnsigned(partial, limbs[i]) < 0 ? 1 : 0;
            long total = partial + carry;
            long carryFromCarry = Long.compareUnsigned(total, partial) < 0 ? 1 : 0;
            limbs[i] = total;
            carry = carryFromAddend | carryFromCarry;
        }
    }
}
