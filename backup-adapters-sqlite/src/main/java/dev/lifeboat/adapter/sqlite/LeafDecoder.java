package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.spi.CanonicalRow;
import dev.lifeboat.domain.spi.RowHashSum;
import java.io.IOException;
import java.util.Arrays;

/**
 * Decodes the cells of table leaf pages into the canonical rows {@link TableHasher} would read through SQLite, and
 * sums them (fileformat2: 1.6 b-tree pages, 2.1 record format). Each cell is a payload size, a rowid and the record,
 * whose tail may be in a chain of overflow pages. A record is a header of serial types, one per column, followed by
 * the values. Anything this does not decode exactly as SQLite does is a {@link PageFormatException}. The buffers
 * are reused from page to page; one decoder per worker.
 */
final class LeafDecoder {

    // a payload buffer grown past this for one big value is let go after its row
    private static final int KEPT_PAYLOAD_BYTES = 1 << 20;
    // consecutive leaves are read together, up to this many bytes at a time
    private static final int RUN_BYTES = 1 << 18;

    private final PageReader reader;
    private final int usable;
    private final int maxLocal;
    private final int minLocal;
    private final byte[] page;
    private final byte[] run;
    private final byte[] overflow;
    private byte[] payload = new byte[4096];
    private long[] serialTypes = new long[64];
    private final CanonicalRow row = new CanonicalRow();
    // the position of the varint reader
    private int at;

    LeafDecoder(PageReader reader) {
        this.reader = reader;
        DatabaseHeader header = reader.header();
        this.usable = header.usableSize();
        this.maxLocal = usable - 35;
        this.minLocal = (usable - 12) * 32 / 255 - 23;
        this.page = new byte[header.pageSize()];
        this.run = new byte[Math.max(1, RUN_BYTES / header.pageSize()) * header.pageSize()];
        this.overflow = new byte[header.pageSize()];
    }

    /**
     * Adds every row of some leaf pages of the table to the sum: {@code leaves[from]} to {@code leaves[to - 1]}.
     * Leaves that follow each other in the file (as they mostly do, and all the more when sorted) are read in one go.
     */
    void sum(TableLayout table, int[] leaves, int from, int to, RowHashSum sum)
            throws IOException, PageFormatException {
        int pageSize = page.length;
        int most = run.length / pageSize;
        int i = from;
        while (i < to) {
            int count = 1;
            while (i + count < to && count < most && leaves[i + count] == leaves[i] + count) {
                count++;
            }
            reader.readRun(leaves[i], count, run);
            for (int k = 0; k < count; k++) {
                System.arraycopy(run, k * pageSize, page, 0, pageSize);
                sumPage(table, leaves[i + k], sum);
            }
            i += count;
        }
    }

    private void sumPage(TableLayout table, int number, RowHashSum sum) throws PageFormatException, IOException {
        int header = PageReader.btreeHeaderOffset(number);
        // TableTree lists a leaf's siblings without reading them: their type and cells are checked here
        if (Bytes.u8(page, header) != TableTree.LEAF_TABLE_PAGE) {
            throw new PageFormatException("page " + number + " is not a table leaf");
        }
        int cells = Bytes.u16(page, header + 3);
        // SQLite treats a page below the root without cells as corrupt (getAndInitPage)
        if (cells == 0 && number != table.rootPage()) {
            throw new PageFormatException("page " + number + " has no cells");
        }
        int pointers = header + 8;
        if (pointers + 2 * cells > usable) {
            throw new PageFormatException("page " + number + " has more cells than room");
        }
        for (int i = 0; i < cells; i++) {
            int cell = Bytes.u16(page, pointers + 2 * i);
            if (cell < pointers + 2 * cells || cell >= usable) {
                throw new PageFormatException("a cell of page " + number + " is outside its content area");
            }
            decodeCell(table, number, cell);
            sum.add(row);
        }
    }

    private void decodeCell(TableLayout table, int number, int cell) throws IOException, PageFormatException {
        at = cell;
        long size = varint(page, usable);
        long rowid = varint(page, usable);
        int start = at;
        if (size < 0) {
            throw new PageFormatException("a cell of page " + number + " claims " + size + " bytes");
        }
        if (size <= maxLocal) {
            if (start + size > usable) {
                throw new PageFormatException("a cell of page " + number + " runs past the page");
            }
            decodeRecord(table, rowid, page, start, (int) size);
            return;
        }
        if (size > Integer.MAX_VALUE - 8 || size > reader.header().pageCount() * usable) {
            throw new PageFormatException("a cell of page " + number + " claims " + size + " bytes");
        }
        int local = local(size);
        if (start + local + 4 > usable) {
            throw new PageFormatException("a cell of page " + number + " runs past the page");
        }
        byte[] whole = payloadBuffer((int) size);
        System.arraycopy(page, start, whole, 0, local);
        long next = Bytes.u32(page, start + local);
        int filled = local;
        while (filled < size) {
            if (next == 0) {
                throw new PageFormatException("an overflow chain from page " + number + " ends early");
            }
            reader.read(next, overflow);
            int piece = (int) Math.min(usable - 4, size - filled);
            System.arraycopy(overflow, 4, whole, filled, piece);
            filled += piece;
            next = Bytes.u32(overflow, 0);
        }
        decodeRecord(table, rowid, whole, 0, (int) size);
        if (payload.length > KEPT_PAYLOAD_BYTES) {
            payload = new byte[4096];
        }
    }

    // how much of a payload too big for the page stays on it (fileformat2, 1.6: X, M and K)
    private int local(long size) {
        int kept = (int) (minLocal + (size - minLocal) % (usable - 4));
        return kept <= maxLocal ? kept : minLocal;
    }

    private byte[] payloadBuffer(int size) {
        if (payload.length < size) {
            payload = new byte[Math.max(size, payload.length * 2)];
        }
        return payload;
    }

    private void decodeRecord(TableLayout table, long rowid, byte[] bytes, int start, int size)
            throws PageFormatException {
        int end = start + size;
        at = start;
        long headerSize = varint(bytes, end);
        if (headerSize < 1 || headerSize > size) {
            throw new PageFormatException("a record header of " + headerSize + " bytes in a payload of " + size);
        }
        int headerEnd = start + (int) headerSize;
        int fields = 0;
        while (at < headerEnd) {
            if (fields == serialTypes.length) {
                serialTypes = Arrays.copyOf(serialTypes, fields * 2);
            }
            serialTypes[fields++] = varint(bytes, headerEnd);
        }
        if (fields != table.columns()) {
            // fewer fields: the columns added since (ALTER TABLE ADD COLUMN) read as their defaults
            throw new PageFormatException("a record of " + fields + " fields in a table of " + table.columns()
                    + " columns");
        }
        row.reset();
        if (table.rowidFirst()) {
            row.putInteger(rowid);
        }
        int value = headerEnd;
        for (int column = 0; column < fields; column++) {
            long type = serialTypes[column];
            if (column == table.rowidColumn()) {
                if (type != 0) {
                    throw new PageFormatException("a value stored for the rowid's column");
                }
                row.putInteger(rowid);
                continue;
            }
            int length = length(type);
            if (value + length > end) {
                throw new PageFormatException("a record's values run past its payload");
            }
            putValue(type, bytes, value, length, table.realAffinity()[column]);
            value += length;
        }
    }

    // the bytes a serial type's value takes (fileformat2, 2.1)
    private static int length(long type) throws PageFormatException {
        if (type >= 12) {
            long length = (type - 12) / 2;
            if (length > Integer.MAX_VALUE) {
                throw new PageFormatException("a value of " + length + " bytes");
            }
            return (int) length;
        }
        return switch ((int) type) {
            case 0, 8, 9 -> 0;
            case 1, 2, 3, 4 -> (int) type;
            case 5 -> 6;
            case 6, 7 -> 8;
            default -> throw new PageFormatException("the reserved serial type " + type);
        };
    }

    private void putValue(long type, byte[] bytes, int at, int length, boolean realAffinity) {
        if (type >= 12) {
            if ((type & 1) == 0) {
                row.putBlob(bytes, at, length);
            } else {
                row.putText(bytes, at, length);
            }
        } else if (type == 0) {
            row.putNull();
        } else if (type == 7) {
            double real = Double.longBitsToDouble(Bytes.signed(bytes, at, 8));
            // SQLite reads a stored NaN as NULL (sqlite3VdbeSerialGet)
            if (Double.isNaN(real)) {
                row.putNull();
            } else {
                row.putReal(real);
            }
        } else {
            long integer = type == 8 ? 0 : type == 9 ? 1 : Bytes.signed(bytes, at, length);
            if (realAffinity) {
                row.putReal((double) integer);
            } else {
                row.putInteger(integer);
            }
        }
    }

    // a varint of 1 to 9 bytes at the reader's position, which it advances; it must end before limit
    private long varint(byte[] bytes, int limit) throws PageFormatException {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            if (at >= limit) {
                throw new PageFormatException("a varint runs past its page or record");
            }
            int b = bytes[at++] & 0xff;
            value = value << 7 | b & 0x7f;
            if (b < 0x80) {
                return value;
            }
        }
        if (at >= limit) {
            throw new PageFormatException("a varint runs past its page or record");
        }
        return value << 8 | bytes[at++] & 0xff;
    }
}
