package dev.lifeboat.adapter.sqlite;

import java.io.IOException;
import java.io.RandomAccessFile;

/** Reads whole pages of a database file by number into a caller's buffer. One per worker: it seeks. */
final class PageReader {

    private final RandomAccessFile file;
    private final DatabaseHeader header;

    PageReader(RandomAccessFile file, DatabaseHeader header) {
        this.file = file;
        this.header = header;
    }

    DatabaseHeader header() {
        return header;
    }

    /**
     * Reads page {@code number} (the first is 1) into the first {@code pageSize} bytes of {@code into}.
     *
     * @throws PageFormatException when no such page is in the snapshot: the b-tree points outside the file
     */
    void read(long number, byte[] into) throws IOException, PageFormatException {
        if (number < 1 || number > header.pageCount()) {
            throw new PageFormatException("a b-tree refers to page " + number + " of " + header.pageCount());
        }
        file.seek((number - 1) * header.pageSize());
        file.readFully(into, 0, header.pageSize());
    }

    /**
     * Reads {@code count} consecutive pages from page {@code first} into the start of {@code into}, in one read.
     *
     * @throws PageFormatException when one of them is not in the snapshot
     */
    void readRun(long first, int count, byte[] into) throws IOException, PageFormatException {
        long last = first + count - 1;
        if (first < 1 || last > header.pageCount()) {
            throw new PageFormatException("a b-tree refers to page " + (first < 1 ? first : last) + " of "
                    + header.pageCount());
        }
        file.seek((first - 1) * header.pageSize());
        file.readFully(into, 0, count * header.pageSize());
    }

    /** Where a page's b-tree header starts: after the database header on page 1. */
    static int btreeHeaderOffset(long number) {
        return number == 1 ? DatabaseHeader.BYTES : 0;
    }
}
