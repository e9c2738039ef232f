package dev.lifeboat.adapter.sqlite;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What the page reader needs from the 100-byte header at the start of a database file (SQLite's file format,
 * section 1.3): the page size, the usable size of each page (the page size less the bytes reserved at each page's
 * end for extensions), and how many pages there are.
 *
 * @param pageSize   bytes per page, 512 to 65536
 * @param usableSize bytes of each page that b-tree content may use
 * @param pageCount  the pages a b-tree may refer to: as many as SQLite counts in the snapshot, and the file holds
 */
record DatabaseHeader(int pageSize, int usableSize, long pageCount) {

    static final int BYTES = 100;
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int UTF8 = 1;

    /**
     * Reads the header and checks that the page reader can decode this database exactly as SQLite does.
     *
     * @param facts what SQLite itself says about the same snapshot, which the header must agree with
     * @throws PageFormatException when it cannot: a UTF-16 database, an unusual header, a page size SQLite disagrees
     *                             with
     */
    static DatabaseHeader read(RandomAccessFile file, DatabaseFacts facts) throws IOException, PageFormatException {
        if (file.length() < BYTES) {
            throw new PageFormatException("the file is shorter than a database header");
        }
        byte[] header = new byte[BYTES];
        file.seek(0);
        file.readFully(header);
        if (!Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new PageFormatException("the file does not start with SQLite's header");
        }
        int rawPageSize = Bytes.u16(header, 16);
        int pageSize = rawPageSize == 1 ? 65536 : rawPageSize;
        if (pageSize < 512 || Integer.bitCount(pageSize) != 1 || pageSize != facts.pageSize()) {
            throw new PageFormatException("a page size of " + rawPageSize + " in the header");
        }
        int usableSize = pageSize - Bytes.u8(header, 20);
        // the payload fractions are fixed at 64, 32 and 32; the usable size is at least 480 (fileformat2, 1.3.4)
        if (usableSize < 480 || Bytes.u8(header, 21) != 64 || Bytes.u8(header, 22) != 32
                || Bytes.u8(header, 23) != 32) {
            throw new PageFormatException("unusual space settings in the header");
        }
        if (Bytes.u32(header, 56) != UTF8) {
            throw new PageFormatException("the database's text encoding is not UTF-8");
        }
        long pageCount = Math.min(facts.pageCount(), file.length() / pageSize);
        if (pageCount > Integer.MAX_VALUE) {
            throw new PageFormatException("more pages than the page reader counts");
        }
        return new DatabaseHeader(pageSize, usableSize, pageCount);
    }
}
