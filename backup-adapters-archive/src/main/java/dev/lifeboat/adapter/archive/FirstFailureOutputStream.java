package dev.lifeboat.adapter.archive;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Passes bytes on, keeping the first unchecked failure the stream beneath throws: the failure a repository reports
 * for its archive (a full disk), which a later call, such as a compressor ending its frame as its stream is closed,
 * would otherwise hide behind the plain error of an output already given up.
 */
final class FirstFailureOutputStream extends FilterOutputStream {

    private Optional<RuntimeException> failure = Optional.empty();

    FirstFailureOutputStream(OutputStream out) {
        super(out);
    }

    /** The first unchecked failure thrown beneath, if any. */
    Optional<RuntimeException> failure() {
        return failure;
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (RuntimeException e) {
            throw kept(e);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        try {
            out.write(bytes, offset, length);
        } catch (RuntimeException e) {
            throw kept(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (RuntimeException e) {
            throw kept(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } catch (RuntimeException e) {
            throw kept(e);
        }
    }

    private RuntimeException kept(RuntimeException e) {
        if (failure.isEmpty()) {
            failure = Optional.of(e);
        }
        return e;
    }
}
