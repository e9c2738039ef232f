package dev.lifeboat.adapter.sqlite;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;

/**
 * Finds the leaf pages of a table's b-tree by walking its interior pages from the root (fileformat2, 1.6): reading
 * them is a small part of the file, so it is done before the leaves are shared among workers. The leaves themselves
 * are not read here: every leaf of a b-tree is at the same depth, so when one child of an interior page is a leaf,
 * all its children are, and the workers that decode them check each one's type and cells anyway ({@link
 * LeafDecoder}). Reading every leaf to learn its type cost a seek and a read per page, on one thread, before any
 * worker started: about a second for a 690 MB database. A page met twice, in this table or another, is a corrupt
 * file: the walk stops instead of looping, and SQLite gets the table.
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
        Leaves leaves = new Leaves(header, visited);
        Deque<Long> pending = new ArrayDeque<>();
        pending.push(rootPage);
        while (!pending.isEmpty()) {
            long number = pending.pop();
            leaves.claim(number);
            reader.read(number, page);
            int at = PageReader.btreeHeaderOffset(number);
            int type = Bytes.u8(page, at);
            int cells = Bytes.u16(page, at + 3);
            // SQLite treats a page below the root without cells as corrupt (getAndInitPage)
            if (cells == 0 && number != rootPage) {
                throw new PageFormatException("page " + number + " has no cells");
            }
            if (type == LEAF_TABLE_PAGE) {
                leaves.add(number);
            } else if (type == INTERIOR_TABLE_PAGE) {
                long[] children = children(page, number, at, cells, header);
                if (isLeaf(reader, children[children.length - 1], page)) {
                    for (long child : children) {
                        leaves.claim(child);
                        leaves.add(child);
                    }
                } else {
                    for (int i = children.length - 1; i >= 0; i--) {
                        pending.push(children[i]);
                    }
                }
            } else {
                throw new PageFormatException("page " + number + " is not a table b-tree page (type " + type
                        + ")");
            }
        }
        return leaves.inFileOrder();
    }

    /** An interior page's children, left to right: the pointer of each cell, then the right-most pointer. */
    private static long[] children(byte[] page, long number, int at, int cells, DatabaseHeader header)
            throws PageFormatException {
        int pointers = at + 12;
        if (pointers + 2 * cells > header.usableSize()) {
            throw new PageFormatException("page " + number + " has more cells than room");
        }
        long[] children = new long[cells + 1];
        for (int i = 0; i < cells; i++) {
            int cell = Bytes.u16(page, pointers + 2 * i);
            if (cell < pointers + 2 * cells || cell + 4 > header.usableSize()) {
                throw new PageFormatException("a cell of page " + number + " is outside its content area");
            }
            children[i] = Bytes.u32(page, cell);
        }
        children[cells] = Bytes.u32(page, at + 8);
        return children;
    }

    // whether this child, and so each of its siblings, is a leaf; reads it into the buffer given
    private static boolean isLeaf(PageReader reader, long number, byte[] page) throws IOException,
            PageFormatException {
        reader.read(number, page);
        return Bytes.u8(page, PageReader.btreeHeaderOffset(number)) == LEAF_TABLE_PAGE;
    }

    /** The leaves found so far, and the check that no page is in a b-tree twice. */
    private static final class Leaves {
        private final DatabaseHeader header;
        private final BitSet visited;
        private int[] numbers = new int[16];
        private int count;

        Leaves(DatabaseHeader header, BitSet visited) {
            this.header = header;
            this.visited = visited;
        }

        void claim(long number) throws PageFormatException {
            if (number < 1 || number > header.pageCount()) {
                throw new PageFormatException("a b-tree refers to page " + number + " of " + header.pageCount());
            }
            if (visited.get((int) number)) {
                throw new PageFormatException("page " + number + " is in a b-tree twice");
            }
            visited.set((int) number);
        }

        void add(long number) {
            if (count == numbers.length) {
                numbers = Arrays.copyOf(numbers, count * 2);
            }
            numbers[count++] = (int) number;
        }

        int[] inFileOrder() {
            int[] found = Arrays.copyOf(numbers, count);
            Arrays.sort(found);
            return found;
        }
    }
}
