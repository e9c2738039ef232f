package dev.lifeboat.adapter.sqlite;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;

/**
 * Finds the leaf pages of a table's b-tree by walking its interior pages from the root (fileformat2, 1.6): reading
 * them is a small part of the file, so it is done before the leaves are shared among workers. A page met twice, in
 * this table or another, is a corrupt file: the walk stops instead of looping, and SQLite gets the table.
 */
final class TableTree {

    static final int INTERIOR_TABLE_PAGE = 0x05;
    static final int LEAF_TABLE_PAGE = 0x0d;

    private TableTree() {
    }

    /**
     * The table's leaf pages, in file order, so that consecutive ones can be read together.
     *
     * @param visited every page already found in a b-tree; this table's pages are added
     */
    static int[] leaves(PageReader reader, long rootPage, BitSet visited) throws IOException, PageFormatException {
        DatabaseHeader header = reader.header();
        byte[] page = new byte[header.pageSize()];
        int[] leaves = new int[16];
        int count = 0;
        Deque<Long> pending = new ArrayDeque<>();
        pending.push(rootPage);
        while (!pending.isEmpty()) {
            long number = pending.pop();
            if (number < 1 || number > header.pageCount()) {
                throw new PageFormatException("a b-tree refers to page " + number + " of " + header.pageCount());
            }
            if (visited.get((int) number)) {
                throw new PageFormatException("page " + number + " is in a b-tree twice");
            }
            visited.set((int) number);
            reader.read(number, page);
            int at = PageReader.btreeHeaderOffset(number);
            int type = Bytes.u8(page, at);
            int cells = Bytes.u16(page, at + 3);
            // SQLite treats a page below the root without cells as corrupt (getAndInitPage)
            if (cells == 0 && number != rootPage) {
                throw new PageFormatException("page " + number + " has no cells");
            }
            if (type == LEAF_TABLE_PAGE) {
                if (count == leaves.length) {
                    leaves = Arrays.copyOf(leaves, count * 2);
                }
                leaves[count++] = (int) number;
            } else if (type == INTERIOR_TABLE_PAGE) {
                int pointers = at + 12;
                if (pointers + 2 * cells > header.usableSize()) {
                    throw new PageFormatException("page " + number + " has more cells than room");
                }
                pending.push(Bytes.u32(page, at + 8));
                for (int i = cells - 1; i >= 0; i--) {
                    int cell = Bytes.u16(page, pointers + 2 * i);
                    if (cell < pointers + 2 * cells || cell + 4 > header.usableSize()) {
                        throw new PageFormatException("a cell of page " + number + " is outside its content area");
                    }
                    pending.push(Bytes.u32(page, cell));
                }
            } else {
                throw new PageFormatException("page " + number + " is not a table b-tree page (type " + type
                        + ")");
            }
        }
        int[] found = Arrays.copyOf(leaves, count);
        Arrays.sort(found);
        return found;
    }
}
