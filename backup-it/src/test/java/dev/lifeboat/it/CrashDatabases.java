package dev.lifeboat.it;

import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The databases the crash and signal tests back up and restore: a source large enough that a run takes a few
 * seconds, so that kills can be spread over it, and a small target holding other data, so that a restore over it
 * shows whether the target kept its old content or took the backup's.
 */
final class CrashDatabases {

    /** About 12 MB: blobs that do not compress (the archive is as large as the file) and an indexed text table. */
    private static final int SQLITE_BLOBS = 110;
    private static final int SQLITE_ROWS = 20_000;
    /** About 15 MB on the server with its indexes. */
    private static final int POSTGRES_ORDERS = 60_000;

    private CrashDatabases() {
    }

    /** A SQLite database in WAL mode, as applications have them. */
    /**
     * Writes ./lifeboat.toml in the working directory: every run there encrypts to a new age key (made by Debian's
     * age-keygen) and decrypts with its identity file.
     */
    static void encryptEveryRun(Path work) throws IOException, InterruptedException {
        Process keygen = new ProcessBuilder("age-keygen", "-o", "key.txt").directory(work.toFile())
                .redirectErrorStream(true).start();
        String made = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (keygen.waitFor() != 0 || !made.contains("age1")) {
            throw new AssertionError("age-keygen failed: " + made);
        }
        Files.writeString(work.resolve("lifeboat.toml"), "[encryption]\nrecipients = [\""
                + made.substring(made.indexOf("age1")) + "\"]\nidentity = \"file:key.txt\"\n");
    }

    static Path sqliteSource(Path file) {
        SqliteDatabases.execute(file, """
                PRAGMA journal_mode = wal;
                CREATE TABLE attachment (id INTEGER PRIMARY KEY, payload BLOB NOT NULL);
                CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL);
                CREATE INDEX customer_by_email ON customer(email);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
                INSERT INTO attachment SELECT i, randomblob(100000) FROM n;
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
                INSERT INTO customer SELECT i, 'customer ' || i, lower(hex(randomblob(12))) || '@example.com' FROM n;
                PRAGMA wal_checkpoint(TRUNCATE);
                """.formatted(SQLITE_BLOBS, SQLITE_ROWS));
        return file;
    }

    /** A small SQLite database with other tables and rows than the source. */
    static Path sqliteTarget(Path file) {
        SqliteDatabases.execute(file, """
                CREATE TABLE note (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
                INSERT INTO note (body) SELECT 'note kept in the target ' || i FROM n;
                """);
        return file;
    }

    /** A digest of the rows of every table of a SQLite database, in rowid order, to compare two databases' data. */
    static String sqliteRows(Path file) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String table : tables) {
                digest.update(table.getBytes(StandardCharsets.UTF_8));
                try (ResultSet rows = statement.executeQuery("SELECT * FROM \"" + table + "\" ORDER BY rowid")) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int column = 1; column <= columns; column++) {
                            byte[] value = rows.getBytes(column);
                            digest.update(value == null ? new byte[] {0} : value);
                            digest.update((byte) 0x1f);
                        }
                    }
                }
            }
            return tables + " " + HexFormat.of().formatHex(digest.digest());
        } catch (SQLException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("could not read the rows of " + file + ": " + e.getMessage(), e);
        }
    }

    /** A PostgreSQL database with keys, a foreign key, an index and a sequence. */
    static String postgresSource(TestServer server) throws SQLException {
        String database = server.createDatabase("lb_crash_s");
        server.execute(database,
                "CREATE TABLE customer (id int PRIMARY KEY, name text NOT NULL, email text NOT NULL)",
                "INSERT INTO customer SELECT i, 'customer ' || i, md5(i::text) || '@example.com'"
                        + " FROM generate_series(1, 20000) i",
                "CREATE TABLE orders (id bigserial PRIMARY KEY, customer int NOT NULL REFERENCES customer,"
                        + " placed date NOT NULL, amount numeric(12, 2) NOT NULL, note text NOT NULL)",
                "INSERT INTO orders (customer, placed, amount, note) SELECT i % 20000 + 1,"
                        + " date '2020-01-01' + i % 1500, (i * 7919 % 100000) / 100.0,"
                        + " md5(i::text) || md5((i + 1)::text) || md5((i + 2)::text)"
                        + " FROM generate_series(1, " + POSTGRES_ORDERS + ") i",
                "CREATE INDEX orders_by_customer ON orders (customer, placed)",
                "ANALYZE");
        return database;
    }

    /** A small PostgreSQL database with other tables and rows than the source; a target is made as its copy. */
    static String postgresTargetTemplate(TestServer server) throws SQLException {
        String database = server.createDatabase("lb_crash_a");
        server.execute(database,
                "CREATE TABLE note (id serial PRIMARY KEY, body text NOT NULL)",
                "INSERT INTO note (body) SELECT 'note kept in the target ' || i FROM generate_series(1, 2000) i");
        return database;
    }
}
