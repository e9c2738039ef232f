package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.spi.SqlExportContent;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a SQLite database as a script for the sqlite3 shell, in this order:
 * <ol>
 *   <li>{@code PRAGMA page_size}, {@code auto_vacuum} and {@code encoding}, which only a new, empty file takes, and
 *   {@code user_version} and {@code application_id};</li>
 *   <li>{@code PRAGMA foreign_keys = OFF}, so rows load in any order (and rows that broke a key in the source still
 *   load, as they are), then {@code BEGIN TRANSACTION};</li>
 *   <li>each table's {@code CREATE} statement as the database holds it, followed by its rows as {@code INSERT}
 *   statements, with the rowid named for every rowid table, so that rowids survive the load even where no
 *   INTEGER PRIMARY KEY keeps them (generated columns are left to SQLite to compute);</li>
 *   <li>{@code sqlite_sequence}, the AUTOINCREMENT counters, as they were;</li>
 *   <li>external-content full-text indexes rebuilt from their tables;</li>
 *   <li>indexes, views and triggers in the order the database created them: after the rows, so no trigger fires
 *   while they load;</li>
 *   <li>{@code COMMIT}.</li>
 * </ol>
 * A virtual table is created by its {@code CREATE VIRTUAL TABLE} statement and filled through the table itself
 * (full-text and R*Tree tables), never by writing its shadow tables: SQLite's defensive mode forbids writing those,
 * and {@code writable_schema} with them. Statistics ({@code sqlite_stat*}) are left out: ANALYZE makes them again.
 */
final class SqliteScriptWriter {

    private static final List<String> ROWID_NAMES = List.of("rowid", "_rowid_", "oid");
    private static final Pattern MODULE = Pattern.compile("\\bUSING\\s+([A-Za-z0-9_]+)\\s*(?:\\((.*)\\))?\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern CONTENT_OPTION = Pattern.compile("(?:^|,)\\s*content\\s*=\\s*(\"\"|''|[^,\\s]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> FULL_TEXT = Set.of("fts3", "fts4", "fts5");
    private static final Set<String> FILLED_THROUGH_THE_TABLE = Set.of("fts3", "fts4", "fts5", "rtree", "rtree_i32");

    private final Connection connection;
    private final SqlScript script;
    private final List<String> warnings = new ArrayList<>();
    private boolean utf8;

    SqliteScriptWriter(Connection connection, SqlScript script) {
        this.connection = connection;
        this.script = script;
    }

    /**
     * @param tables the tables to write, as the database names them; empty for all
     * @return what the script leaves out, and why
     */
    List<String> write(SqlExportContent content, Set<String> tables) throws SQLException, IOException {
        connection.setAutoCommit(false);
        String encoding = pragma("encoding");
        utf8 = encoding.equalsIgnoreCase("UTF-8");
        List<SchemaEntry> schema = schema();
        Set<String> shadows = shadowTables();
        script.line("-- SQLite database written by lifeboat export: load it with sqlite3 NEW.db < FILE");
        if (content.schema()) {
            script.line("PRAGMA page_size = " + pragma("page_size") + ";");
            script.line("PRAGMA auto_vacuum = " + pragma("auto_vacuum") + ";");
            script.line("PRAGMA encoding = '" + encoding + "';");
            script.line("PRAGMA user_version = " + pragma("user_version") + ";");
            script.line("PRAGMA application_id = " + pragma("application_id") + ";");
        }
        script.line("PRAGMA foreign_keys = OFF;");
        script.line("BEGIN TRANSACTION;");
        List<SchemaEntry> rebuilt = new ArrayList<>();
        Set<String> written = new HashSet<>();
        for (SchemaEntry entry : schema) {
            if (!entry.type().equals("table") || isInternal(entry.name()) || shadows.contains(entry.name())
                    || !(tables.isEmpty() || tables.contains(entry.name()))) {
                continue;
            }
            if (entry.isVirtualTable()) {
                writeVirtualTable(entry, content, rebuilt, written);
            } else {
                if (content.schema()) {
                    script.line(entry.sql() + ";");
                }
                if (content.data()) {
                    writeRows(entry, false);
                }
                written.add(entry.name());
            }
        }
        if (content.data()) {
            writeSequences(written);
            for (SchemaEntry table : rebuilt) {
                script.line("INSERT INTO " + table.quotedName() + "(" + table.quotedName() + ") VALUES('rebuild');");
            }
        }
        if (content.schema()) {
            for (SchemaEntry entry : schema) {
                boolean other = !entry.type().equals("table") && entry.sql() != null && !isInternal(entry.name());
                boolean wanted = tables.isEmpty()
                        || !entry.type().equals("view") && written.contains(entry.tableName());
                if (other && wanted) {
                    script.line(entry.sql() + ";");
                }
            }
        }
        script.line("COMMIT;");
        connection.rollback();
        return List.copyOf(warnings);
    }

    private void writeVirtualTable(SchemaEntry table, SqlExportContent content, List<SchemaEntry> rebuilt,
                                   Set<String> written) throws SQLException, IOException {
        Matcher using = MODULE.matcher(table.sql());
        String module = using.find() ? using.group(1).toLowerCase(Locale.ROOT) : "";
        String arguments = using.groupCount() >= 2 && using.group(2) != null ? using.group(2) : "";
        if (!moduleLoaded(table)) {
            warnings.add("left out the virtual table " + table.name() + ": its module " + module + " is not part of "
                    + "SQLite here, so sqlite3 could not create it either");
            return;
        }
        if (content.schema()) {
            script.line(table.sql() + ";");
        }
        written.add(table.name());
        if (!content.data() || !FILLED_THROUGH_THE_TABLE.contains(module)) {
            return;
        }
        Matcher option = CONTENT_OPTION.matcher(arguments);
        Optional<String> contentTable = FULL_TEXT.contains(module) && option.find()
                ? Optional.of(option.group(1)) : Optional.empty();
        if (contentTable.isEmpty()) {
            writeRows(table, !module.startsWith("rtree"));
        } else if (contentTable.get().equals("''") || contentTable.get().equals("\"\"")) {
            warnings.add("left out the index of the contentless full-text table " + table.name() + ": it keeps no "
                    + "text to export; fill it again from where its text comes from");
        } else {
            rebuilt.add(table);
        }
    }

    /** Whether SQLite here has the table's module; any other failure to read the table fails the export. */
    private boolean moduleLoaded(SchemaEntry table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet ignored = statement.executeQuery("SELECT * FROM " + table.quotedName() + " LIMIT 0")) {
            return true;
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("no such module")) {
                return false;
            }
            throw e;
        }
    }

    /** Every row of a table, with its rowid when it has one under a name no column takes. */
    private void writeRows(SchemaEntry table, boolean virtualWithRowid) throws SQLException, IOException {
        List<String> columns = new ArrayList<>();
        Set<String> allNames = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT name, hidden FROM pragma_table_xinfo(?) ORDER BY cid")) {
            statement.setString(1, table.name());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    allNames.add(rows.getString(1).toLowerCase(Locale.ROOT));
                    if (rows.getInt(2) == 0) {
                        columns.add(SchemaEntry.quote(rows.getString(1)));
                    }
                }
            }
        }
        boolean hasRowid = table.isVirtualTable() ? virtualWithRowid : !table.isWithoutRowid();
        Optional<String> rowid = hasRowid
                ? ROWID_NAMES.stream().filter(name -> !allNames.contains(name)).findFirst() : Optional.empty();
        if (hasRowid && rowid.isEmpty()) {
            warnings.add("the rowids of " + table.name() + " are not kept: its columns take every name of the rowid "
                    + "(rowid, _rowid_, oid)");
        }
        List<String> selected = new ArrayList<>();
        rowid.ifPresent(selected::add);
        selected.addAll(columns);
        if (selected.isEmpty()) {
            return;
        }
        String list = String.join(", ", selected);
        String insert = "INSERT INTO " + table.quotedName() + "(" + list + ") VALUES(";
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT " + list + " FROM " + table.quotedName())) {
            while (rows.next()) {
                script.text(insert);
                for (int i = 1; i <= selected.size(); i++) {
                    if (i > 1) {
                        script.text(", ");
                    }
                    value(rows, i);
                }
                script.text(");\n");
            }
        }
    }

    private void value(ResultSet rows, int column) throws SQLException, IOException {
        Object value = rows.getObject(column);
        if (value == null) {
            script.text("NULL");
        } else if (value instanceof Integer || value instanceof Long) {
            script.integer(((Number) value).longValue());
        } else if (value instanceof Double real) {
            script.real(real);
        } else if (value instanceof byte[] blob) {
            script.blob(blob);
        } else if (utf8) {
            script.utf8Text(rows.getBytes(column));
        } else {
            script.quoted(value.toString());
        }
    }

    /** The AUTOINCREMENT counters of the tables written, as the source had them (the rows' inserts moved them). */
    private void writeSequences(Set<String> written) throws SQLException, IOException {
        if (!exists("sqlite_sequence")) {
            return;
        }
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name, seq FROM sqlite_sequence")) {
            while (rows.next()) {
                String name = rows.getString(1);
                if (!written.contains(name)) {
                    continue;
                }
                script.text("DELETE FROM sqlite_sequence WHERE name = ").quoted(name).line(";");
                script.text("INSERT INTO sqlite_sequence(name, seq) VALUES(").quoted(name).text(", ");
                value(rows, 2);
                script.line(");");
            }
        }
    }

    private List<SchemaEntry> schema() throws SQLException {
        List<SchemaEntry> entries = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid")) {
            while (rows.next()) {
                entries.add(new SchemaEntry(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)));
            }
        }
        return entries;
    }

    /** The tables in which virtual tables keep their data: the virtual table writes them itself. */
    private Set<String> shadowTables() throws SQLException {
        Set<String> shadows = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM pragma_table_list WHERE schema = 'main'"
                     + " AND type = 'shadow'")) {
            while (rows.next()) {
                shadows.add(rows.getString(1));
            }
        }
        return shadows;
    }

    private boolean exists(String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** sqlite_sequence, sqlite_stat1 and the like: SQLite's own tables, which SQLite creates itself. */
    private static boolean isInternal(String name) {
        return name.toLowerCase(Locale.ROOT).startsWith("sqlite_");
    }

    private String pragma(String name) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
