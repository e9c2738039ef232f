package dev.lifeboat.adapter.sqlite;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One row of {@code sqlite_schema}. What kind of table it is comes from its SQL text, never from loading the table:
 * a virtual table whose module this driver lacks must not stop anything.
 *
 * @param type      table, index, view or trigger
 * @param name      the object's name
 * @param tableName the table it belongs to
 * @param sql       the statement that created it, or null for automatic indexes
 */
record SchemaEntry(String type, String name, String tableName, String sql) {

    private static final Pattern VIRTUAL_TABLE = Pattern.compile("\\s*CREATE\\s+VIRTUAL\\s+TABLE\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern COMMENTS = Pattern.compile("--[^\\n]*|/\\*.*?(\\*/|$)", Pattern.DOTALL);
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** sqlite_stat1 to sqlite_stat4 hold the query planner's statistics, which ANALYZE rewrites: not data. */
    boolean isStatistics() {
        return name.toLowerCase(Locale.ROOT).startsWith("sqlite_stat");
    }

    boolean isVirtualTable() {
        return type.equals("table") && sql != null && VIRTUAL_TABLE.matcher(sql).lookingAt();
    }

    /**
     * Whether this is a table whose rows are data: ordinary tables, including the shadow tables that hold virtual
     * tables' data and sqlite_sequence, but not the virtual tables themselves or the statistics.
     */
    boolean holdsData() {
        return type.equals("table") && !isStatistics() && !isVirtualTable();
    }

    /** Whether the table options after the column list's closing parenthesis include WITHOUT ROWID. */
    boolean isWithoutRowid() {
        if (sql == null) {
            return false;
        }
        String options = COMMENTS.matcher(sql.substring(sql.lastIndexOf(')') + 1)).replaceAll(" ");
        for (String option : options.split(",")) {
            if (SPACES.matcher(option.trim()).replaceAll(" ").equalsIgnoreCase("WITHOUT ROWID")) {
                return true;
            }
        }
        return false;
    }

    /** The name as a quoted SQL identifier. */
    String quotedName() {
        return quote(name);
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
