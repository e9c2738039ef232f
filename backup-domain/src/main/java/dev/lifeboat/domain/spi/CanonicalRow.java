package dev.lifeboat.domain.spi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds the canonical bytes of one row, value by value, in the spirit of SQLite's {@code dbhash}: each value is a
 * one-byte tag followed by its bytes, so values of different types never encode alike. The buffer is reused from
 * row to row: call {@link #reset()} before each row. Not thread-safe.
 *
 * <pre>
 *   NULL     'N'
 *   integer  'I' + 8 bytes, big-endian two's complement
 *   real     'F' + 8 bytes, big-endian IEEE 754
 *   text     'T' + 4-byte big-endian length + UTF-8 bytes
 *   blob     'B' + 4-byte big-endian length + bytes
 * </pre>
 */
public final class CanonicalRow {

    private byte[] buffer = new byte[256];
    private int length;

    /**
     * Starts a new row, forgetting the previous one.
     *
     * @return this
     */
    public CanonicalRow reset() {
        length = 0;
        return this;
    }

    /**
     * Adds a NULL.
     *
     * @return this
     */
    public CanonicalRow putNull() {
        ensure(1);
        buffer[length++] = 'N';
        return this;
    }

    /**
     * Adds an integer.
     *
     * @param value the value
     * @return this
     */
    public CanonicalRow putInteger(long value) {
        ensure(9);
        buffer[length++] = 'I';
        putLong(value);
        return this;
    }

    /**
     * Adds a floating-point value by its IEEE 754 bits (-0.0 differs from 0.0; every NaN encodes alike).
     *
     * @param value the value
     * @return this
     */
    public CanonicalRow putReal(double value) {
        ensure(9);
        buffer[length++] = 'F';
        putLong(Double.doubleToLongBits(value));
        return this;
    }

    /**
     * Adds a text value.
     *
     * @param value the value, encoded as UTF-8
     * @return this
     */
    public CanonicalRow putText(String value) {
        return putText(value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Adds a text value given as its UTF-8 bytes, which are not kept.
     *
     * @param utf8 the value's UTF-8 bytes
     * @return this
     */
    public CanonicalRow putText(byte[] utf8) {
        return putTagged('T', utf8);
    }

    /**
     * Adds a blob, whose bytes are not kept.
     *
     * @param value the blob's bytes
     * @return this
     */
    public CanonicalRow putBlob(byte[] value) {
        return putTagged('B', value);
    }

    /**
     * Adds text given as a range of UTF-8 bytes in a larger buffer, which is not kept.
     *
     * @param utf8   the buffer
     * @param offset where the value starts in it
     * @param size   the value's length in bytes
     * @return this
     */
    public CanonicalRow putText(byte[] utf8, int offset, int size) {
        return putTagged('T', utf8, offset, size);
    }

    /**
     * Adds a blob given as a range of a larger buffer, which is not kept.
     *
     * @param value  the buffer
     * @param offset where the blob starts in it
     * @param size   the blob's length in bytes
     * @return this
     */
    public CanonicalRow putBlob(byte[] value, int offset, int size) {
        return putTagged('B', value, offset, size);
    }

    /** {@return the buffer holding the row; only the first {@link #length()} bytes are the row} */
    public byte[] bytes() {
        return buffer;
    }

    /** {@return how many bytes of {@link #bytes()} the row takes} */
    public int length() {
        return length;
    }

    private CanonicalRow putTagged(char tag, byte[] value) {
        return putTagged(tag, value, 0, value.length);
    }

    private CanonicalRow putTagged(char tag, byte[] value, int offset, int size) {
        ensure(5 + size);
        buffer[length++] = (byte) tag;
        buffer[length++] = (byte) (size >>> 24);
        buffer[length++] = (byte) (size >>> 16);
        buffer[length++] = (byte) (size >>> 8);
        buffer[length++] = (byte) size;
        System.arraycopy(value, offset, buffer, length, size);
        length += size;
        return this;
    }

    private void putLong(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (value >>> shift);
        }
    }

    private void ensure(int extra) {
        if (length + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + extra));
        }
    }
}
