package dev.lifeboat.adapter.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Rows whose foreign keys point at nothing, as {@code PRAGMA foreign_key_check} finds them. A backup keeps them as
 * they are (SQLite does not enforce foreign keys unless asked, so real databases have them); the user hears of them.
 *
 * @param total   violations in all tables
 * @param byTable violations per table
 */
record ForeignKeyViolations(long total, SortedMap<String, Long> byTable) {

    private static final Pattern RECORDED =
            Pattern.compile("([0-9]+ foreign-key violations?) in the source (\\(.*\\)); restored as they are",
            Pattern.DOTALL);

    ForeignKeyViolations {
        byTable = Collections.unmodifiableSortedMap(new TreeMap<>(byTable));
    }

    /** Counts the violations that {@code PRAGMA foreign_key_check} reports ({@link ForeignKeyCheck}). */
    static ForeignKeyViolations find(Connection connection) throws SQLException {
        SortedMap<String, Long> byTable = ForeignKeyCheck.violationsByTable(connection);
        return new ForeignKeyViolations(byTable.values().stream().mapToLong(Long::longValue).sum(), byTable);
    }

    /**
     * What a backup recorded among its warnings ({@link #backupWarning()}), as {@link #summary()} says it: a backup
     * records the violations it found whenever there are any, so no such warning means none were found. Every
     * lifeboat version that backed up SQLite has checked foreign keys and worded the warning so.
     */
    static Optional<String> recordedSummary(List<String> warnings) {
        return warnings.stream().map(RECORDED::matcher).filter(Matcher::matches)
                .map(found -> found.group(1) + " " + found.group(2)).findFirst();
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
