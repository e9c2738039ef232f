package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.spi.SqlExport;
import dev.lifeboat.domain.spi.SqlExportJob;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A SQLite backup as a script for {@code sqlite3 NEW.db < FILE}. The archive holds the database file itself, so the
 * file is written into scratch space (readable by its owner only, deleted afterwards), opened read-only, and dumped
 * table by table with one row in memory at a time.
 *
 * <p>Unlike the sqlite3 shell's {@code .dump}, the script never writes {@code sqlite_schema} or a virtual table's
 * shadow tables, so it loads where SQLite's defensive mode forbids that: see {@link SqliteScriptWriter}.
 */
final class SqliteExport implements SqlExport {

    @Override
    public List<String> export(SqlExportJob job) {
        Path copy = job.scratch().newFile("export");
        try {
            try (FileChannel file = FileChannel.open(copy, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                DatabasePart.writeTo(job.manifest(), job.parts(), file, copy, job.progress());
            }
            List<String> warnings;
            try (Connection connection = DatabaseFileConnections.immutable(copy); SqlScript script = new SqlScript(job.out())) {
                warnings = new SqliteScriptWriter(connection, script).write(job.content(), tables(connection, job));
            }
            DatabaseFile.deleteWithCompanions(copy);
            return warnings;
        } catch (SQLException e) {
            RuntimeException failure = SqliteFailures.of(e, "exporting the backup", copy);
            DatabaseFile.deleteAfterFailure(copy, failure);
            throw failure;
        } catch (IOException e) {
            RuntimeException failure = SqliteFailures.of(e, "exporting the backup");
            DatabaseFile.deleteAfterFailure(copy, failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            DatabaseFile.deleteAfterFailure(copy, e);
            throw e;
        }
    }

    /**
     * The tables the user named, spelled as the database spells them (SQLite compares names without regard to
     * case); empty for every table. A virtual table's shadow tables are not tables of their own here.
     *
     * @throws InvalidUsageException naming every table that is not in the backup
     */
    private static Set<String> tables(Connection connection, SqlExportJob job) throws SQLException {
        if (job.tables().isEmpty()) {
            return Set.of();
        }
        Map<String, String> byLowerCase = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM pragma_table_list WHERE schema = 'main' AND"
                     + " type IN ('table', 'virtual') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
            while (rows.next()) {
                byLowerCase.put(rows.getString(1).toLowerCase(Locale.ROOT), rows.getString(1));
            }
        }
        Set<String> unknown = new TreeSet<>();
        Set<String> found = new TreeSet<>();
        for (String table : job.tables()) {
            String name = byLowerCase.get(table.toLowerCase(Locale.ROOT));
            if (name == null) {
                unknown.add(table);
            } else {
                found.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidUsageException("no table " + String.join(", ", unknown) + " in the backup; it has: "
                    + (byLowerCase.isEmpty() ? "no tables" : String.join(", ", byLowerCase.values())));
        }
        return found;
    }


}
