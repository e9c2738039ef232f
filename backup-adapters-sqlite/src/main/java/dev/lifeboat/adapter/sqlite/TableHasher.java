package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.error.OperationInterruptedException;
import dev.lifeboat.domain.spi.CanonicalRow;
import dev.lifeboat.domain.spi.RowHashSum;
import dev.lifeboat.domain.model.TableFingerprint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.sqlite.core.CoreStatement;

/**
 * Hashes one table's rows, streaming them: for a rowid table the rowid first, then every column of
 * {@code SELECT *}. Keeping the rowid makes the fingerprint notice renumbered rows, which matter to anything that
 * refers to them. Not thread-safe: one per worker.
 */
final class TableHasher {

    private static final List<String> ROWID_NAMES = List.of("rowid", "_rowid_", "oid");
    private static final int ROWS_BETWEEN_INTERRUPT_CHECKS = 4096;

    private final Connection connection;
    private final boolean utf8Database;
    private final CanonicalRow row = new CanonicalRow();

    TableHasher(Connection connection, boolean utf8Database) {
        this.connection = connection;
        this.utf8Database = utf8Database;
    }

    TableFingerprint hash(SchemaEntry table) throws SQLException {
        return sum(table, Optional.empty()).result();
    }

    /**
     * Sums the rows of a table, or of one range of its rowids, so that several workers can share a big table.
     *
     * @param rowids the first and last rowid to read, or empty for all rows
     */
    RowHashSum sum(SchemaEntry table, Optional<RowidRange> rowids) throws SQLException {
        Optional<String> rowid = rowidName(table);
        String select = rowid.map(name -> "SELECT " + name + ", * FROM ").orElse("SELECT * FROM ") + table.quotedName()
                + rowids.map(range -> " WHERE " + rowid.orElseThrow() + " BETWEEN " + range.first() + " AND "
                        + range.last()).orElse("");
        RowHashSum sum = new RowHashSum();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(select)) {
            RowEncoder encoder = new RowEncoder(row, rows.getMetaData().getColumnCount(), utf8Database);
            CoreStatement sqliteStatement = (CoreStatement) statement;
            while (rows.next()) {
                sqliteStatement.pointer.safeRunConsume(encoder);
                sum.add(row);
                if (sum.rows() % ROWS_BETWEEN_INTERRUPT_CHECKS == 0 && Thread.currentThread().isInterrupted()) {
                    throw new OperationInterruptedException("hashing table " + table.name() + " was interrupted");
                }
            }
        }
        return sum;
    }

    /** The rowids a table spans, or empty for a table without them (or with every name for them shadowed). */
    Optional<RowidRange> span(SchemaEntry table) throws SQLException {
        Optional<String> rowid = rowidName(table);
        if (rowid.isEmpty()) {
            return Optional.empty();
        }
        // two queries: SQLite finds a lone min() or max() of the rowid at the end of the b-tree, but scans the
        // whole table for both in one query
        Optional<Long> first = rowidAtEnd(table, rowid.get(), "ASC");
        Optional<Long> last = rowidAtEnd(table, rowid.get(), "DESC");
        return first.isEmpty() || last.isEmpty() ? Optional.empty()
                : Optional.of(new RowidRange(first.get(), last.get()));
    }

    private Optional<Long> rowidAtEnd(SchemaEntry table, String rowid, String order) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet end = statement.executeQuery("SELECT " + rowid + " FROM " + table.quotedName() + " ORDER BY "
                     + rowid + " " + order + " LIMIT 1")) {
            return end.next() ? Optional.of(end.getLong(1)) : Optional.empty();
        }
    }

    /** Rowids from first to last, both included. */
    record RowidRange(long first, long last) {
    }

    // a column may be named rowid, shadowing the real one; SQLite offers three names for it
    private Optional<String> rowidName(SchemaEntry table) throws SQLException {
        if (table.isWithoutRowid()) {
            return Optional.empty();
        }
        Set<String> columns = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT name FROM pragma_table_xinfo(?)")) {
            statement.setString(1, table.name());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return ROWID_NAMES.stream().filter(name -> !columns.contains(name)).findFirst();
    }
}
