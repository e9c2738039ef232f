package dev.lifeboat.adapter.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Counts the violations {@code PRAGMA foreign_key_check} reports, table by table, faster where the answer is
 * provably the same.
 *
 * <p>The pragma reads every row of every table that declares a foreign key, whole (in an orders table, every note and
 * payload), to look up each key in the parent table. Most foreign keys in real schemas point at the parent's {@code
 * INTEGER PRIMARY KEY}, and for those SQLite's check is a rowid lookup of the child's value after numeric affinity,
 * a value that is NULL never violating. A query that counts the child rows whose non-NULL value equals no parent
 * rowid ({@code parent.id = child.column} applies that same numeric affinity to the child's value) gives the same
 * count, and SQLite answers it from an index on the child's column when there is one, reading a small fraction of
 * the pages. A table whose foreign keys are all of that kind is counted so; any other table (a key of several
 * columns, a key to a UNIQUE column, a missing parent, a key SQLite calls a mismatch) is counted by the pragma
 * itself, so that its answers and errors stay SQLite's. A schema without foreign keys costs one look at each table's
 * key list.
 */
final class ForeignKeyCheck {

    private ForeignKeyCheck() {
    }

    /** One column of a declared foreign key: {@code from REFERENCES parent(to)}, {@code to} empty when not named. */
    private record KeyColumn(String from, String parent, Optional<String> to) {
    }

    /** A foreign key of one column to the parent's rowid: {@code child.column REFERENCES parent(rowidColumn)}. */
    private record RowidKey(String column, String parent, String rowidColumn) {
    }

    /** Violations per table, leaving out the tables with none. */
    static SortedMap<String, Long> violationsByTable(Connection connection) throws SQLException {
        SortedMap<String, Long> byTable = new TreeMap<>();
        for (SchemaEntry table : Schema.read(connection).dataTables()) {
            Map<Integer, List<KeyColumn>> keys = declaredKeys(connection, table.name());
            if (keys.isEmpty()) {
                continue;
            }
            Optional<List<RowidKey>> rowidKeys = rowidKeys(connection, keys);
            long count = rowidKeys.isPresent() ? countByRowid(connection, table, rowidKeys.get())
                    : countByPragma(connection, table);
            if (count > 0) {
                byTable.put(table.name(), count);
            }
        }
        return byTable;
    }

    /** The rows of {@code pragma_foreign_key_list}: each key's columns, in order, by the key's id. */
    private static Map<Integer, List<KeyColumn>> declaredKeys(Connection connection, String table)
            throws SQLException {
        Map<Integer, List<KeyColumn>> keys = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?) ORDER BY id, seq")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.computeIfAbsent(rows.getInt(1), id -> new ArrayList<>())
                            .add(new KeyColumn(rows.getString(2), rows.getString(3),
                                    Optional.ofNullable(rows.getString(4))));
                }
            }
        }
        return keys;
    }

    /** The keys, each with its parent's rowid column, when every one of them points at its parent's rowid. */
    private static Optional<List<RowidKey>> rowidKeys(Connection connection, Map<Integer, List<KeyColumn>> keys)
            throws SQLException {
        List<RowidKey> resolved = new ArrayList<>();
        for (List<KeyColumn> columns : keys.values()) {
            if (columns.size() != 1) {
                return Optional.empty();
            }
            KeyColumn key = columns.get(0);
            Optional<String> parent = ordinaryTable(connection, key.parent());
            if (parent.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> rowidColumn = rowidAlias(connection, parent.get());
            if (rowidColumn.isEmpty() || key.to().filter(to -> !sameName(to, rowidColumn.get())).isPresent()) {
                return Optional.empty();
            }
            resolved.add(new RowidKey(key.from(), parent.get(), rowidColumn.get()));
        }
        return Optional.of(resolved);
    }

    /** The name of the ordinary (not virtual) table SQLite resolves a parent's name to, if any. */
    private static Optional<String> ordinaryTable(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name = ? COLLATE NOCASE")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                SchemaEntry table = new SchemaEntry("table", rows.getString(1), rows.getString(1), rows.getString(2));
                return table.isVirtualTable() || table.isWithoutRowid() ? Optional.empty() : Optional.of(table.name());
            }
        }
    }

    /**
     * The column that is the table's rowid, if one is: the one primary-key column of a rowid table for which SQLite
     * keeps no index of its own ({@code INTEGER PRIMARY KEY}; not {@code INTEGER PRIMARY KEY DESC} in the column's
     * definition, not another type, which get an index with origin {@code pk}).
     */
    private static Optional<String> rowidAlias(Connection connection, String table) throws SQLException {
        List<String> primaryKey = new ArrayList<>();
        String type = "";
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT name, type FROM pragma_table_info(?) WHERE pk > 0")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    primaryKey.add(rows.getString(1));
                    type = rows.getString(2);
                }
            }
        }
        if (primaryKey.size() != 1 || !type.equalsIgnoreCase("INTEGER")) {
            return Optional.empty();
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM pragma_index_list(?) WHERE origin = 'pk'")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1) == 0 ? Optional.of(primaryKey.get(0)) : Optional.empty();
            }
        }
    }

    // SQLite compares identifiers case-insensitively in ASCII only
    private static boolean sameName(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (asciiLower(a.charAt(i)) != asciiLower(b.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static long countByRowid(Connection connection, SchemaEntry table, List<RowidKey> keys)
            throws SQLException {
        long count = 0;
        for (RowidKey key : keys) {
            String column = "child." + SchemaEntry.quote(key.column());
            count += count(connection, "SELECT count(*) FROM " + table.quotedName() + " AS child WHERE " + column
                    + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + SchemaEntry.quote(key.parent())
                    + " AS parent WHERE parent." + SchemaEntry.quote(key.rowidColumn()) + " = "
                    + column + ")");
        }
        return count;
    }

    private static long countByPragma(Connection connection, SchemaEntry table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM pragma_foreign_key_check(?)")) {
            statement.setString(1, table.name());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
