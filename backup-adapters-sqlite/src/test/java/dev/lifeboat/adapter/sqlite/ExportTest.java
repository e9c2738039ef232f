package dev.lifeboat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.contract.DirectoryScratch;
import dev.lifeboat.domain.contract.InMemoryParts;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.SqlExportContent;
import dev.lifeboat.domain.spi.SqlExportJob;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exports backups as SQL scripts, loads them with the sqlite3 tool (another SQLite, another process) with SQLite's
 * defensive mode on, and compares the loaded database with the source through sqlite3 itself: every table's rows
 * and rowids by the shell's {@code sha3_query}, the schema, the pragmas a new file must take, sqlite_sequence, and
 * the full-text index answering as the source's does.
 */
class ExportTest {

    private static final String[] PRAGMAS = {"PRAGMA user_version", "PRAGMA application_id", "PRAGMA page_size",
        "PRAGMA encoding", "PRAGMA auto_vacuum", "PRAGMA integrity_check",
        "SELECT count(*) FROM pragma_foreign_key_check"};
    private static final String SCHEMA = "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE"
            + " 'sqlite\\_stat%' ESCAPE '\\' ORDER BY type, name";

    private final SqliteEngine engine = new SqliteEngine();

    @TempDir
    Path directory;

    static List<org.junit.jupiter.params.provider.Arguments> databases() {
        List<org.junit.jupiter.params.provider.Arguments> databases = new ArrayList<>(RoundTripTest.databases().toList());
        databases.add(org.junit.jupiter.params.provider.Arguments.of("awkward reals, text and a full-text table with "
                + "its own content, incremental auto_vacuum", List.of(
                "PRAGMA auto_vacuum = INCREMENTAL",
                "CREATE TABLE reals(x REAL, note)",
                "INSERT INTO reals VALUES (0.1, 1), (0.30000000000000004, 2), (5e-324, 3), (2.2250738585072014e-308, 4),"
                        + " (1.7976931348623157e308, 5), (-1e999, 6), (1e999, 7), (123456789.12345678, 8), (-0.0, 9),"
                        + " (1e22, 10), (1e21, 11), (4.35, 12)",
                "INSERT INTO reals VALUES (NULL, 'it''s' || char(10) || 'two lines' || char(13)),"
                        + " (NULL, CAST(x'61006200' AS TEXT)), (NULL, CAST(x'fffe' AS TEXT)), (NULL, '\\x00 -- /*')",
                "CREATE TABLE \"odd \"\"name\"\"\"(\"a b\" INTEGER PRIMARY KEY AUTOINCREMENT, \"c'd\")",
                "INSERT INTO \"odd \"\"name\"\"\"(\"c'd\") VALUES ('x'), ('y')",
                "DELETE FROM \"odd \"\"name\"\"\" WHERE \"c'd\" = 'y'",
                "CREATE VIRTUAL TABLE notes USING fts5(body, tokenize = 'porter')",
                "INSERT INTO notes(rowid, body) VALUES (10, 'lifeboats float'), (20, 'backups restore')",
                "CREATE VIRTUAL TABLE boxes USING rtree(id, minx, maxx)",
                "INSERT INTO boxes VALUES (1, 0.5, 2.5), (7, -1, 1)",
                "CREATE VIEW v AS SELECT * FROM reals",
                "CREATE TRIGGER t_ins INSTEAD OF INSERT ON v BEGIN INSERT INTO reals VALUES (new.x, new.note); END")));
        return databases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void the_loaded_script_holds_what_the_source_holds(String name, List<String> statements) throws Exception {
        Path source = Sqlite.execute(directory.resolve("source.db"), statements.toArray(String[]::new));
        Backup backup = backUp(source);
        Path script = directory.resolve("export.sql");

        List<String> warnings = export(backup, SqlExportContent.SCHEMA_AND_DATA, Set.of(), script);
        Path loaded = load(script, directory.resolve("loaded.db"));

        String text = Files.readString(script, StandardCharsets.UTF_8);
        assertThat(text).doesNotContainIgnoringCase("writable_schema");
        assertThat(text.lines().skip(1).limit(5)).allMatch(line -> line.startsWith("PRAGMA "));
        assertThat(Sqlite.cli(loaded, PRAGMAS)).isEqualTo(Sqlite.cli(source, PRAGMAS));
        boolean missingModule = statements.equals(List.of(Fixtures.MISSING_MODULE));
        if (missingModule) {
            assertThat(warnings).singleElement().asString().contains("left out the virtual table vt", "nosuchmodule");
            assertThat(Sqlite.cli(loaded, SCHEMA)).isEqualTo(Sqlite.cli(source, SCHEMA + "").replace(
                    "\ntable|vt|vt|CREATE VIRTUAL TABLE vt USING nosuchmodule(a)", ""));
        } else {
            assertThat(warnings).isEmpty();
            assertThat(Sqlite.cli(loaded, SCHEMA)).isEqualTo(Sqlite.cli(source, SCHEMA));
        }
        for (String table : Sqlite.query(source, "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type ="
                + " 'table' AND (name = 'sqlite_sequence' OR name NOT LIKE 'sqlite\\_%' ESCAPE '\\')")) {
            String hash = rowsHash(source, table);
            assertThat(rowsHash(loaded, table)).as("rows and rowids of " + table).isEqualTo(hash);
        }
        if (statements.contains(Fixtures.RICH[Fixtures.RICH.length - 1])) {
            String search = "SELECT rowid FROM docs_fts WHERE docs_fts MATCH 'lifeboat' ORDER BY rowid";
            assertThat(Sqlite.cli(loaded, search)).isEqualTo(Sqlite.cli(source, search)).isEqualTo("2");
            Sqlite.cli(loaded, "INSERT INTO docs_fts(docs_fts) VALUES('integrity-check')");
        }
    }

    @Test
    void full_text_and_rtree_tables_with_their_own_content_answer_as_the_source_does() throws Exception {
        List<org.junit.jupiter.params.provider.Arguments> all = databases();
        @SuppressWarnings("unchecked")
        List<String> statements = (List<String>) all.get(all.size() - 1).get()[1];
        Path source = Sqlite.execute(directory.resolve("source.db"), statements.toArray(String[]::new));
        Path script = directory.resolve("export.sql");
        export(backUp(source), SqlExportContent.SCHEMA_AND_DATA, Set.of(), script);
        Path loaded = load(script, directory.resolve("loaded.db"));

        for (String query : List.of("SELECT rowid, body FROM notes WHERE notes MATCH 'float' ORDER BY rowid",
                "SELECT rowid FROM notes WHERE notes MATCH 'restoring'",
                "SELECT id FROM boxes WHERE minx <= 0 AND maxx >= 0", "SELECT * FROM \"odd \"\"name\"\"\"",
                "SELECT * FROM sqlite_sequence")) {
            assertThat(Sqlite.cli(loaded, query)).as(query).isEqualTo(Sqlite.cli(source, query)).isNotEmpty();
        }
        Sqlite.cli(loaded, "INSERT INTO notes(notes) VALUES('integrity-check')");
    }

    @Test
    void schema_only_then_data_only_gives_the_same_database() throws Exception {
        Path source = Fixtures.rich(directory.resolve("source.db"));
        Backup backup = backUp(source);
        Path schema = directory.resolve("schema.sql");
        Path data = directory.resolve("data.sql");

        export(backup, SqlExportContent.SCHEMA_ONLY, Set.of(), schema);
        export(backup, SqlExportContent.DATA_ONLY, Set.of(), data);

        assertThat(Files.readString(schema).lines()).noneMatch(line -> line.startsWith("INSERT INTO"));
        assertThat(Files.readString(data).lines()).noneMatch(line -> line.startsWith("CREATE ")
                || line.startsWith("PRAGMA user_version"));
        Path loaded = load(schema, directory.resolve("loaded.db"));
        assertThat(Sqlite.cli(loaded, "SELECT count(*) FROM customers")).isEqualTo("0");
        load(data, loaded);
        assertThat(Sqlite.cli(loaded, SCHEMA)).isEqualTo(Sqlite.cli(source, SCHEMA));
        for (String table : List.of("customers", "orders", "events", "shadowed", "tags", "settings", "docs",
                "sqlite_sequence")) {
            assertThat(rowsHash(loaded, table)).as(table).isEqualTo(rowsHash(source, table));
        }
    }

    @Test
    void a_table_filter_keeps_those_tables_with_their_indexes_and_triggers() throws Exception {
        Path source = Fixtures.rich(directory.resolve("source.db"));
        Path script = directory.resolve("export.sql");

        export(backUp(source), SqlExportContent.SCHEMA_AND_DATA, Set.of("ORDERS", "docs"), script);
        Path loaded = load(script, directory.resolve("loaded.db"));

        assertThat(Sqlite.cli(loaded, "SELECT type || ' ' || name FROM sqlite_schema ORDER BY 1"))
                .isEqualTo(String.join("\n", "index orders_paid", "table docs", "table orders", "trigger docs_ad",
                        "trigger docs_ai", "trigger docs_au"));
        assertThat(rowsHash(loaded, "orders")).isEqualTo(rowsHash(source, "orders"));
    }

    @Test
    void an_unknown_table_is_a_usage_error_naming_the_tables_there_are() throws Exception {
        Path source = Fixtures.rich(directory.resolve("source.db"));
        Backup backup = backUp(source);
        Path script = directory.resolve("export.sql");

        assertThatThrownBy(() -> export(backup, SqlExportContent.SCHEMA_AND_DATA, Set.of("nope", "orders",
                "docs_fts_data"), script))
                .isInstanceOf(InvalidUsageException.class)
                .hasMessage("no table docs_fts_data, nope in the backup; it has: customers, docs, docs_fts, events,"
                        + " orders, settings, shadowed, tags");
        assertThat(Sqlite.names(directory.resolve("scratch"))).as("no scratch copy left").isEmpty();
    }

    private record Backup(Manifest manifest, InMemoryParts parts) {
    }

    private Backup backUp(Path source) {
        InMemoryParts parts = new InMemoryParts();
        EngineBackup backup;
        try (DirectoryScratch scratch = new DirectoryScratch(directory)) {
            backup = engine.backup(new BackupJob(DatabaseLocation.of(source.toString()), Map.of(), parts, scratch,
                    Progress.NONE));
        }
        return new Backup(RoundTripTest.manifest(backup, parts), parts);
    }

    private List<String> export(Backup backup, SqlExportContent content, Set<String> tables, Path script)
            throws IOException {
        Path scratchDirectory = Files.createDirectories(directory.resolve("scratch"));
        try (OutputStream out = Files.newOutputStream(script);
             DirectoryScratch scratch = new DirectoryScratch(scratchDirectory)) {
            List<String> warnings = engine.sqlExport().orElseThrow().export(new SqlExportJob(backup.manifest(),
                    backup.parts(), scratch, content, tables, Map.of(), out, Progress.NONE));
            assertThat(Sqlite.names(scratchDirectory)).as("the scratch copy is removed").isEmpty();
            return warnings;
        }
    }

    /** Runs {@code sqlite3 -bail DB < script} with defensive mode on; it must succeed without a word. */
    private static Path load(Path script, Path database) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sqlite3", "-bail", "-batch", "-cmd", ".dbconfig defensive on",
                database.toString()).redirectInput(script.toFile()).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("sqlite3 finished").isTrue();
        assertThat(process.exitValue()).as("sqlite3 said: %s", output).isZero();
        assertThat(output.strip()).as("sqlite3's output").isEqualTo("defensive on");
        return database;
    }

    /** sqlite3's own SHA3 of a table's rows, the rowid first where the table has one, in rowid or key order. */
    private static String rowsHash(Path database, String table) throws Exception {
        String quoted = SchemaEntry.quote(table).replace("'", "''");
        boolean withoutRowid = Sqlite.query(database, "SELECT sql FROM sqlite_schema WHERE name = '"
                + table.replace("'", "''") + "'").get(0).toUpperCase(java.util.Locale.ROOT).contains("WITHOUT ROWID");
        boolean shadowedRowid = table.equals("shadowed");
        String select = withoutRowid ? "SELECT * FROM " + quoted
                : "SELECT " + (shadowedRowid ? "_rowid_" : "rowid") + ", * FROM " + quoted + " ORDER BY 1";
        return Sqlite.cli(database, "SELECT hex(sha3_query('" + select.replace("'", "''") + "'))");
    }
}
