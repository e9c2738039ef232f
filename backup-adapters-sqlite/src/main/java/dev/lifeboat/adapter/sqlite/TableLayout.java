package dev.lifeboat.adapter.sqlite;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How to turn a table's stored records into the values {@link TableHasher} reads through SQLite with {@code SELECT
 * rowid, *}: the columns in order, the one that is an alias of the rowid (stored as NULL in the record), and those
 * with REAL affinity, whose integer-valued reals SQLite stores as integers and reads back as reals (OP_RealAffinity).
 * The columns come from SQLite itself ({@code pragma_table_xinfo}).
 *
 * @param table        the table
 * @param rootPage     the root page of its b-tree
 * @param rowidFirst   whether the rowid comes first, as in {@link TableHasher} (unless every name for it is shadowed)
 * @param columns      how many columns {@code SELECT *} returns, each one field of the record
 * @param rowidColumn  the column that is the rowid under another name (INTEGER PRIMARY KEY), or -1
 * @param realAffinity per column, whether it has REAL affinity; not to be changed
 */
record TableLayout(SchemaEntry table, long rootPage, boolean rowidFirst, int columns, int rowidColumn,
                   boolean[] realAffinity) {

    private static final List<String> ROWID_NAMES = List.of("rowid", "_rowid_", "oid");
    private static final int STORED_GENERATED = 3;
    private static final int VIRTUAL_GENERATED = 2;

    /**
     * The table's layout.
     *
     * @throws PageFormatException when its records do not hold {@code SELECT *}'s values one for one: a WITHOUT ROWID
     *                             table, or one with VIRTUAL generated columns (computed when read, not stored)
     */
    static TableLayout read(Connection connection, SchemaEntry table, long rootPage)
            throws SQLException, PageFormatException {
        if (table.isWithoutRowid()) {
            throw new PageFormatException("a WITHOUT ROWID table");
        }
        Set<String> names = new HashSet<>();
        List<Boolean> real = new ArrayList<>();
        List<Integer> primaryKey = new ArrayList<>();
        boolean integerKey = false;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT name, type, pk, hidden FROM pragma_table_xinfo(?) ORDER BY cid")) {
            statement.setString(1, table.name());
            try (ResultSet columns = statement.executeQuery()) {
                while (columns.next()) {
                    int hidden = columns.getInt(4);
                    if (hidden == VIRTUAL_GENERATED) {
                        throw new PageFormatException("a table with VIRTUAL generated columns");
                    }
                    if (hidden != 0 && hidden != STORED_GENERATED) {
                        throw new PageFormatException("a table with hidden columns");
                    }
                    names.add(columns.getString(1).toLowerCase(Locale.ROOT));
                    String type = columns.getString(2);
                    if (columns.getInt(3) > 0) {
                        primaryKey.add(real.size());
                        integerKey = type.equalsIgnoreCase("INTEGER");
                    }
                    real.add(hasRealAffinity(type));
                }
            }
        }
        if (real.isEmpty()) {
            throw new PageFormatException("a table SQLite lists no columns for");
        }
        int rowidColumn = primaryKey.size() == 1 && integerKey && !hasPrimaryKeyIndex(connection, table)
                ? primaryKey.get(0) : -1;
        boolean[] realAffinity = new boolean[real.size()];
        for (int i = 0; i < realAffinity.length; i++) {
            realAffinity[i] = real.get(i);
        }
        boolean rowidFirst = ROWID_NAMES.stream().anyMatch(name -> !names.contains(name));
        return new TableLayout(table, rootPage, rowidFirst, realAffinity.length, rowidColumn, realAffinity);
    }

    /**
     * Whether the primary key has an index of its own, as an INTEGER PRIMARY KEY declared DESC has (a quirk SQLite
     * keeps): then it is an ordinary column, not the rowid.
     */
    private static boolean hasPrimaryKeyIndex(Connection connection, SchemaEntry table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM pragma_index_list(?) WHERE origin = 'pk'")) {
            statement.setString(1, table.name());
            try (ResultSet count = statement.executeQuery()) {
                return count.next() && count.getInt(1) > 0;
            }
        }
    }

    /**
     * Whether a declared type gives REAL affinity, by SQLite's own steps (sqlite3AffinityType in build.c): it reads
     * the type's bytes from the left, lower-casing ASCII letters, and looks at the last four (or three) each time.
     * CHAR, CLOB or TEXT make it TEXT; BLOB makes a NUMERIC or REAL one BLOB; REAL, FLOA or DOUB make a NUMERIC one
     * REAL; INT makes it INTEGER and ends the reading.
     */
    static boolean hasRealAffinity(String declaredType) {
        byte[] bytes = declaredType.getBytes(StandardCharsets.UTF_8);
        char affinity = 'N';
        int window = 0;
        for (byte b : bytes) {
            int c = b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b & 0xff;
            window = window << 8 | c;
            if (window == word("char") || window == word("clob") || window == word("text")) {
                affinity = 'T';
            } else if (window == word("blob") && (affinity == 'N' || affinity == 'R')) {
                affinity = 'B';
            } else if ((window == word("real") || window == word("floa") || window == word("doub"))
                    && affinity == 'N') {
                affinity = 'R';
            } else if ((window & 0xffffff) == word("int")) {
                return false;
            }
        }
        return affinity == 'R';
    }

    private static int word(String ascii) {
        int value = 0;
        for (int i = 0; i < ascii.length(); i++) {
            value = value << 8 | ascii.charAt(i);
        }
        return value;
    }
}
