package dev.lifeboat.adapter.sqlite;

/** Big-endian unsigned numbers and SQLite varints read from a byte array, as SQLite's file format stores them. */
final class Bytes {

    private Bytes() {
    }

    static int u8(byte[] bytes, int at) {
        return bytes[at] & 0xff;
    }

    static int u16(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff;
    }

    static long u32(byte[] bytes, int at) {
        return (long) (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8
                | bytes[at + 3] & 0xff;
    }

    /** A big-endian two's complement integer of 1 to 8 bytes, sign-extended. */
    static long signed(byte[] bytes, int at, int size) {
        long value = bytes[at];
        for (int i = 1; i < size; i++) {
            value = value << 8 | bytes[at + i] & 0xff;
        }
        return value;
    }
}
