package dev.lifeboat.adapter.archive;

import java.io.IOException;
import java.io.InputStream;

/** A stream whose single-byte {@code read} is its array {@code read}, which may return 0 bytes only before a retry. */
abstract class ArrayReadInputStream extends InputStream {

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}
