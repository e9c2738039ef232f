package dev.lifeboat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The violations lifeboat counts are those the sqlite3 tool's {@code PRAGMA foreign_key_check} reports (another SQLite,
 * another process), table by table, whether a table's keys are counted by lifeboat's rowid query or by the pragma.
 */
class ForeignKeyCheckTest {

    // child values of every kind against parents 1 and 2: NULL never violates, text and reals that are the integer do
    // not, what is not an integer does
    private static final String ODD_VALUES = "INSERT INTO children(ref) VALUES (1), (2), (NULL), (99), ('1'), ('2.0'),"
            + " (2.0), (2.5), ('abc'), (x'31'), (' 1 '), ('0x1'), (-1), (9223372036854775807), ('1e0')";

    @TempDir
    Path directory;

    static Stream<Arguments> schemas() {
        return Stream.of(
                Arguments.of("to the parent's INTEGER PRIMARY KEY, child column without a type", List.of(
                        "CREATE TABLE parents(id INTEGER PRIMARY KEY, name TEXT)",
                        "INSERT INTO parents VALUES (1, 'a'), (2, 'b')",
                        "CREATE TABLE children(id INTEGER PRIMARY KEY, ref REFERENCES parents(id))", ODD_VALUES)),
                Arguments.of("the same, child column TEXT and indexed", List.of(
                        "CREATE TABLE parents(id INTEGER PRIMARY KEY, name TEXT)",
                        "INSERT INTO parents VALUES (1, 'a'), (2, 'b')",
                        "CREATE TABLE children(id INTEGER PRIMARY KEY, ref TEXT REFERENCES parents(id))",
                        "CREATE INDEX children_ref ON children(ref)", ODD_VALUES)),
                Arguments.of("the same, child column INTEGER, no parent column named, names in other cases", List.of(
                        "CREATE TABLE Parents(ID integer PRIMARY KEY, name TEXT)",
                        "INSERT INTO parents VALUES (1, 'a'), (2, 'b')",
                        "CREATE TABLE children(id INTEGER PRIMARY KEY, ref INTEGER REFERENCES PARENTS,"
                                + " other REAL REFERENCES parents(id))",
                        ODD_VALUES, "UPDATE children SET other = ref + 0.5 WHERE id % 3 = 0")),
                Arguments.of("a table that refers to itself", List.of(
                        "CREATE TABLE tree(id INTEGER PRIMARY KEY, parent INTEGER REFERENCES tree)",
                        "INSERT INTO tree VALUES (1, NULL), (2, 1), (3, 2), (4, 7), (5, 5), (6, 0)")),
                Arguments.of("a child that is its own parent's rowid and WITHOUT ROWID children", List.of(
                        "CREATE TABLE parents(id INTEGER PRIMARY KEY)", "INSERT INTO parents VALUES (1), (3)",
                        "CREATE TABLE extra(id INTEGER PRIMARY KEY REFERENCES parents)",
                        "INSERT INTO extra VALUES (1), (2), (3), (4)",
                        "CREATE TABLE tagged(tag TEXT PRIMARY KEY, ref INTEGER REFERENCES parents) WITHOUT ROWID",
                        "INSERT INTO tagged VALUES ('a', 1), ('b', 2), ('c', NULL), ('d', '3')")),
                Arguments.of("INTEGER PRIMARY KEY DESC and INT keys, which are no rowid", List.of(
                        "CREATE TABLE down(id INTEGER PRIMARY KEY DESC)", "INSERT INTO down VALUES (1), (2)",
                        "CREATE TABLE ints(id INT PRIMARY KEY)", "INSERT INTO ints VALUES (1), ('2')",
                        "CREATE TABLE children(id INTEGER PRIMARY KEY, a REFERENCES down, b TEXT REFERENCES ints)",
                        "INSERT INTO children(a, b) VALUES (1, 1), ('2', '2'), (3, 3), (2.0, '02'), (NULL, 'x')")),
                Arguments.of("keys of several columns, to UNIQUE columns, to WITHOUT ROWID parents", List.of(
                        "CREATE TABLE pairs(a, b TEXT, UNIQUE(a, b))",
                        "INSERT INTO pairs VALUES (1, 'x'), (2, '2')",
                        "CREATE TABLE codes(code TEXT PRIMARY KEY) WITHOUT ROWID", "INSERT INTO codes VALUES ('01'), ('2')",
                        "CREATE TABLE emails(email TEXT UNIQUE COLLATE NOCASE)", "INSERT INTO emails VALUES ('A@x')",
                        "CREATE TABLE children(id INTEGER PRIMARY KEY, a, b, code INTEGER REFERENCES codes,"
                                + " email REFERENCES emails(email), FOREIGN KEY (a, b) REFERENCES pairs(a, b))",
                        "INSERT INTO children(a, b, code, email) VALUES (1, 'x', 1, 'a@X'), (2, 2, 2, 'b@x'),"
                                + " (1, NULL, '01', NULL), (3, 'y', 3, 'A@x')")),
                Arguments.of("a missing parent table, and a table with a rowid key and another key", List.of(
                        "CREATE TABLE parents(id INTEGER PRIMARY KEY, code TEXT UNIQUE)",
                        "INSERT INTO parents VALUES (1, 'one')",
                        "CREATE TABLE orphans(id INTEGER PRIMARY KEY, ref REFERENCES gone(id))",
                        "INSERT INTO orphans(ref) VALUES (1), (NULL), (2)",
                        "CREATE TABLE mixed(id INTEGER PRIMARY KEY, ref REFERENCES parents, code REFERENCES parents(code))",
                        "INSERT INTO mixed(ref, code) VALUES (1, 'one'), (2, 'one'), (1, 'two'), (3, 'three')")),
                Arguments.of("no foreign keys, an FTS5 table", List.of(
                        "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)",
                        "CREATE VIRTUAL TABLE notes_search USING fts5(body)",
                        "INSERT INTO notes(body) VALUES ('one'), ('two')",
                        "INSERT INTO notes_search(body) VALUES ('one'), ('two')")),
                Arguments.of("names that need quoting", List.of(
                        "CREATE TABLE \"odd \"\"parent\"\"\"(\"the id\" INTEGER PRIMARY KEY)",
                        "INSERT INTO \"odd \"\"parent\"\"\" VALUES (1)",
                        "CREATE TABLE \"child's\"(id INTEGER PRIMARY KEY, \"re f\" REFERENCES \"odd \"\"parent\"\"\")",
                        "INSERT INTO \"child's\"(\"re f\") VALUES (1), (2), ('x')")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemas")
    void counts_what_sqlite_s_own_check_reports(String name, List<String> statements) throws Exception {
        Path file = Sqlite.execute(directory.resolve("keys.db"), statements.toArray(String[]::new));
        SortedMap<String, Long> expected = new TreeMap<>();
        String oracle = Sqlite.cli(file, "SELECT \"table\", count(*) FROM pragma_foreign_key_check GROUP BY 1");
        for (String line : oracle.lines().toList()) {
            int bar = line.lastIndexOf('|');
            expected.put(line.substring(0, bar), Long.parseLong(line.substring(bar + 1)));
        }

        ForeignKeyViolations found;
        try (Connection connection = DatabaseFileConnections.immutable(file)) {
            found = ForeignKeyViolations.find(connection);
        }

        assertThat(found.byTable()).isEqualTo(expected);
        assertThat(found.total()).isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum());
    }

    @org.junit.jupiter.api.Test
    void the_violations_a_backup_records_read_back_as_found() {
        ForeignKeyViolations violations = new ForeignKeyViolations(3, new TreeMap<>(java.util.Map.of(
                "orders", 2L, "odd (name): 1, x", 1L)));

        assertThat(ForeignKeyViolations.recordedSummary(List.of("something else",
                violations.backupWarning().orElseThrow()))).contains(violations.summary());
        assertThat(ForeignKeyViolations.recordedSummary(List.of("something else"))).isEmpty();
    }
}
