package dev.lifeboat.adapter.sqlite;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Descriptors of one database file for the page reader, one per worker so that each can seek on its own. They are
 * {@link RandomAccessFile}s, not a {@code FileChannel}, for the reason {@link PinnedSnapshot} gives: a channel closes
 * its descriptor when its thread is interrupted, and closing any descriptor of a file drops this process's POSIX
 * locks on it. Whoever holds connections to the file closes these only after them.
 */
final class PageFiles implements AutoCloseable {

    private final List<RandomAccessFile> files;

    private PageFiles(List<RandomAccessFile> files) {
        this.files = List.copyOf(files);
    }

    /** Opens the file {@code count} times for reading. */
    static PageFiles open(Path file, int count) throws IOException {
        List<RandomAccessFile> opened = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                opened.add(new RandomAccessFile(file.toFile(), "r"));
            }
        } catch (IOException | RuntimeException e) {
            new PageFiles(opened).close();
            throw e;
        }
        return new PageFiles(opened);
    }

    /** How many workers can read at once. */
    int count() {
        return files.size();
    }

    /** The descriptor of one worker; only that worker may use it. */
    RandomAccessFile file(int worker) {
        return files.get(worker);
    }

    /** Closes every descriptor; a failure to close a file only read loses nothing. */
    @Override
    public void close() {
        for (RandomAccessFile file : files) {
            try {
                file.close();
            } catch (IOException e) {
                // read-only: nothing to flush
            }
        }
    }
}
