package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** SQLite databases for the end-to-end tests, and the sqlite3 command-line tool as an independent oracle. */
final class SqliteDatabases {

    private SqliteDatabases() {
    }

    /**
     * A database with every feature the SQLite engine must round-trip: rowid and WITHOUT ROWID tables,
     * AUTOINCREMENT, virtual and stored generated columns, FTS5 with shadow tables and sync triggers, views,
     * triggers, partial and expression indexes, foreign keys, BLOBs, NULLs, big integers, REALs, UTF-8 text, rowid
     * gaps, an empty table, user_version and application_id, in WAL mode.
     */
    static Path featureComplete(Path file) {
        execute(file, """
                PRAGMA journal_mode = WAL;
                PRAGMA user_version = 42;
                PRAGMA application_id = 1819240034;
                CREATE TABLE account (id INTEGER PRIMARY KEY AUTOINCREMENT, owner TEXT NOT NULL, balance INTEGER NOT NULL,
                                      note TEXT, photo BLOB, rate REAL);
                CREATE TABLE ledger (account_id INTEGER NOT NULL REFERENCES account(id), seq INTEGER NOT NULL,
                                     amount INTEGER, PRIMARY KEY (account_id, seq)) WITHOUT ROWID;
                CREATE TABLE item (name TEXT, price_cents INTEGER, qty INTEGER,
                                   total INTEGER GENERATED ALWAYS AS (price_cents * qty) STORED,
                                   shout TEXT GENERATED ALWAYS AS (upper(name)) VIRTUAL);
                CREATE TABLE note (id INTEGER PRIMARY KEY, title TEXT, body TEXT);
                CREATE VIRTUAL TABLE note_search USING fts5(title, body, content='note', content_rowid='id');
                CREATE TRIGGER note_added AFTER INSERT ON note BEGIN
                    INSERT INTO note_search(rowid, title, body) VALUES (new.id, new.title, new.body);
                END;
                CREATE TRIGGER note_removed AFTER DELETE ON note BEGIN
                    INSERT INTO note_search(note_search, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
                END;
                CREATE VIRTUAL TABLE journal USING fts5(entry);
                CREATE VIEW rich AS SELECT owner, balance FROM account WHERE balance > 1000;
                CREATE INDEX account_rich ON account(owner) WHERE balance > 1000;
                CREATE INDEX item_by_lower_name ON item(lower(name));
                CREATE TABLE nothing_here (x, y);
                CREATE TRIGGER ledger_guard BEFORE INSERT ON ledger WHEN new.amount IS NULL BEGIN
                    SELECT RAISE(ABORT, 'amount required');
                END;

                INSERT INTO account (owner, balance, note, photo, rate) VALUES
                    ('Zoë', 9223372036854775807, 'max', randomblob(2048), 3.141592653589793),
                    ('日本語', -9223372036854775808, NULL, zeroblob(0), -0.5),
                    ('🙂 emoji', 0, '', NULL, 1e308),
                    ('plain', 1500, 'rich', x'00ff00ff', NULL);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
                INSERT INTO ledger SELECT 1 + i % 4, i, i * 10 FROM n;
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
                INSERT INTO item (name, price_cents, qty) SELECT 'item ' || i, i * 3, i % 7 FROM n;
                DELETE FROM item WHERE rowid % 10 = 0;
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
                INSERT INTO note (title, body) SELECT 'note ' || i, 'the quick brown fox number ' || i FROM n;
                DELETE FROM note WHERE id = 7;
                INSERT INTO journal VALUES ('first entry'), ('second entry with more words');
                """);
        return file;
    }

    /** Runs SQL statements through the JDBC driver. */
    static void execute(Path file, String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            for (String single : splitStatements(sql)) {
                statement.execute(single);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on " + file + ": " + e.getMessage(), e);
        }
    }

    /** What the sqlite3 command-line tool prints for a command, such as ".dump" or "PRAGMA integrity_check". */
    static String sqlite3(Path file, String command) {
        try {
            Process process = new ProcessBuilder("sqlite3", "-batch", file.toString(), command)
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("sqlite3 " + command + ": " + output).isZero();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<String> splitStatements(String sql) {
        // statements end with ';' at the end of a line; trigger bodies end with 'END;'
        List<String> statements = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inTrigger = false;
        for (String line : sql.split("\n")) {
            current.append(line).append('\n');
            String trimmed = line.trim().toUpperCase(java.util.Locale.ROOT);
            if (trimmed.startsWith("CREATE TRIGGER")) {
                inTrigger = true;
            }
            if (trimmed.endsWith(";") && (!inTrigger || trimmed.equals("END;"))) {
                statements.add(current.toString());
                current.setLength(0);
                inTrigger = false;
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString());
        }
        return statements;
    }
}
