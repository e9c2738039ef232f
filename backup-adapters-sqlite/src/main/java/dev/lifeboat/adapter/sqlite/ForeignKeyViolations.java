package dev.lifeboat.adapter.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Rows whose foreign keys point at nothing, as {@code PRAGMA foreign_key_check} finds them. A backup keeps them as
 * they are (SQLite does not enforce foreign keys unless asked, so real databases have them); the user hears of them.
 *
 * @param total   violations in all tables
 * @param byTable violations per table
 */
record ForeignKeyViolations(long total, SortedMap<String, Long> byTable) {

    ForeignKeyViolations {
        byTable = Collections.unmodifiableSortedMap(new TreeMap<>(byTable));
    }

    /** Counts the violations, streaming the pragma's rows (one per violation). */
    static ForeignKeyViolations find(Connection connection) throws SQLException {
        SortedMap<String, Long> byTable = new TreeMap<>();
        long total = 0;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA foreign_key_check")) {
            while (rows.next()) {
                byTable.merge(rows.getString(1), 1L, Long::sum);
                total++;
            }
        }
        return new ForeignKeyViolations(total, byTable);
    }

    boolean none() {
        return total == 0;
    }

    /** "3 foreign-key violations (orders: 2, lines: 1)". */
    String summary() {
        return count() + " (" + perTable() + ")";
    }

    /** The warning a backup records, or empty when there is nothing to say. */
    Optional<String> backupWarning() {
        return none() ? Optional.empty()
                : Optional.of(count() + " in the source (" + perTable() + "); restored as they are");
    }

    private String count() {
        return total + " foreign-key violation" + (total == 1 ? "" : "s");
    }

    private String perTable() {
        return byTable.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
    }
}
