package dev.lifeboat.adapter.archive;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Keeps the caller's archive stream open: the tar library closes its output when a write fails, and the stream
 * belongs to the repository, which decides what happens to a failed archive.
 */
final class CloseShieldOutputStream extends FilterOutputStream {

    CloseShieldOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
