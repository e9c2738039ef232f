package dev.lifeboat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.spi.Progress;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.BitSet;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The page reader against the oracle, SQLite itself: the fingerprint read from a file's pages must equal the one
 * {@link TableHasher} reads through SQLite's statements ({@link Fingerprinter}), on every kind of database, and
 * what the page reader does not decode must be read through SQLite, table by table.
 */
class PageFingerprintTest {

    @TempDir
    Path directory;

    @Test
    void the_rich_fixture_matches_sqlite_and_only_what_the_pages_cannot_tell_goes_through_sqlite() throws Exception {
        Path database = Fixtures.rich(directory.resolve("rich.db"));

        FileFingerprinter.Reading reading = readPages(database);

        assertThat(reading.fingerprint()).isEqualTo(throughSqlite(database));
        assertThat(reading.throughSqlite()).containsOnlyKeys("tags", "settings", "orders", "docs_fts_idx",
                "docs_fts_config");
        assertThat(reading.throughSqlite().get("orders")).contains("VIRTUAL generated");
        assertThat(reading.throughSqlite().get("tags")).contains("WITHOUT ROWID");
        assertThat(reading.fingerprint().tables()).containsKeys("customers", "docs", "docs_fts_data",
                "docs_fts_docsize", "events", "shadowed", "sqlite_sequence");
    }

    @ParameterizedTest(name = "page size {0}, auto_vacuum {1}, reserved bytes {2}")
    @CsvSource({"512, NONE, 0", "1024, FULL, 0", "4096, NONE, 0", "4096, INCREMENTAL, 0", "65536, NONE, 0",
        "65536, FULL, 0", "4096, NONE, 32", "512, FULL, 12"})
    void random_rows_of_every_storage_class_match_sqlite(int pageSize, String autoVacuum, int reserved)
            throws Exception {
        Path database = directory.resolve("random.db");
        Sqlite.execute(database, "PRAGMA page_size = " + pageSize, "PRAGMA auto_vacuum = " + autoVacuum,
                "PRAGMA secure_delete = OFF",
                "CREATE TABLE mixed(id INTEGER PRIMARY KEY, i INTEGER, r REAL, t TEXT, b BLOB, n, num NUMERIC,"
                        + " d DOUBLE PRECISION, fp FLOATING POINT, v VARCHAR(10), rb \"REAL BLOB\", f float)",
                "CREATE TABLE bare(a, b, c)",
                "CREATE TABLE strict(id INTEGER PRIMARY KEY, x REAL, y ANY, z TEXT) STRICT");
        if (reserved > 0) {
            Sqlite.cli(database, ".filectrl reserve_bytes " + reserved, "VACUUM");
            assertThat(Sqlite.cli(database, ".filectrl reserve_bytes")).isEqualTo(Integer.toString(reserved));
        }
        fillRandomly(database, new Random(pageSize * 31L + reserved));
        // freed pages and cells keep their stale bytes: nothing may read them
        Sqlite.execute(database, "PRAGMA secure_delete = OFF", "DELETE FROM mixed WHERE id % 3 = 0",
                "DELETE FROM bare WHERE rowid % 4 = 1");

        FileFingerprinter.Reading reading = readPages(database);

        assertThat(Sqlite.query(database, "PRAGMA page_size")).containsExactly(Integer.toString(pageSize));
        if (autoVacuum.equals("FULL")) {
            // pointer-map pages among the b-tree pages; freed pages are given back at once
            assertThat(Sqlite.query(database, "PRAGMA auto_vacuum")).containsExactly("1");
        } else {
            assertThat(Sqlite.query(database, "PRAGMA freelist_count").get(0)).isNotEqualTo("0");
        }
        assertThat(reading.throughSqlite()).isEmpty();
        assertThat(reading.fingerprint()).isEqualTo(throughSqlite(database));
        assertThat(reading.fingerprint().tables().get("mixed").rows()).isBetween(200L, 400L);
    }

    @Test
    void tables_the_records_do_not_fully_describe_go_through_sqlite_and_still_match() throws Exception {
        Path database = Sqlite.execute(directory.resolve("fallbacks.db"),
                "CREATE TABLE added(id INTEGER PRIMARY KEY, a TEXT)",
                "INSERT INTO added(a) VALUES ('before')",
                "ALTER TABLE added ADD COLUMN b INTEGER DEFAULT 42",
                "INSERT INTO added(a, b) VALUES ('after', 7)",
                "CREATE TABLE virtual_column(a INTEGER, b INTEGER GENERATED ALWAYS AS (a * 2) VIRTUAL)",
                "INSERT INTO virtual_column(a) VALUES (1), (2)",
                "CREATE TABLE stored_column(a REAL, b TEXT, c REAL GENERATED ALWAYS AS (a * 2) STORED, d)",
                "INSERT INTO stored_column(a, b, d) VALUES (1, 'x', 3), (2.5, NULL, 'y')",
                "CREATE TABLE keyed(k TEXT PRIMARY KEY, v) WITHOUT ROWID",
                "INSERT INTO keyed VALUES ('a', 1)",
                "CREATE TABLE descending(id INTEGER PRIMARY KEY DESC, v)",
                "INSERT INTO descending VALUES (5, 'five'), (NULL, 'null key')",
                "CREATE TABLE aliased(v, id INTEGER, PRIMARY KEY(id DESC))",
                "INSERT INTO aliased VALUES ('one', 1), ('auto', NULL)",
                "CREATE TABLE shadowed(rowid TEXT, _rowid_ TEXT, oid TEXT)",
                "INSERT INTO shadowed VALUES ('a', 'b', 'c')",
                "CREATE TABLE extremes(x REAL)",
                "INSERT INTO extremes(rowid, x) VALUES (-9223372036854775808, 9007199254740993),"
                        + " (9223372036854775807, -0.0), (0, 1e308), (-1, -9223372036854775808)");

        FileFingerprinter.Reading reading = readPages(database);

        assertThat(reading.fingerprint()).isEqualTo(throughSqlite(database));
        assertThat(reading.throughSqlite()).containsOnlyKeys("added", "virtual_column", "keyed");
        assertThat(reading.throughSqlite().get("added")).contains("a record of 2 fields in a table of 3 columns");
    }

    @Test
    void asked_for_sqlite_as_deep_verification_does_every_table_goes_through_sqlite() throws Exception {
        Path database = Fixtures.rich(directory.resolve("rich.db"));

        FileFingerprinter.Reading reading = FileFingerprinter.read(database, FileFingerprinter.RowSource.SQLITE,
                Progress.NONE, "fingerprinting");

        assertThat(reading.fingerprint()).isEqualTo(readPages(database).fingerprint());
        assertThat(reading.throughSqlite()).containsOnlyKeys(reading.fingerprint().tables().keySet());
        assertThat(reading.throughSqlite().values()).containsOnly("asked to read through SQLite");
    }

    @Test
    void a_utf16_database_goes_through_sqlite_whole() throws Exception {
        Path database = Sqlite.execute(directory.resolve("utf16.db"), "PRAGMA encoding = 'UTF-16le'",
                "CREATE TABLE words(id INTEGER PRIMARY KEY, word TEXT)",
                "INSERT INTO words(word) VALUES ('Zoë'), ('李雷'), ('😀')", "CREATE TABLE more(x)");

        FileFingerprinter.Reading reading = readPages(database);

        assertThat(reading.fingerprint()).isEqualTo(throughSqlite(database));
        assertThat(reading.throughSqlite()).isEqualTo(Map.of("words", "the database's text encoding is not UTF-8",
                "more", "the database's text encoding is not UTF-8"));
    }

    @Test
    void fts5_shadow_tables_of_many_documents_match_sqlite() throws Exception {
        Path database = Sqlite.execute(directory.resolve("fts.db"),
                "CREATE VIRTUAL TABLE documents USING fts5(body)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
                        + " INSERT INTO documents SELECT 'word' || (i % 97) || ' other' || (i % 13) || ' '"
                        + " || hex(randomblob(i % 50)) FROM n",
                "DELETE FROM documents WHERE rowid % 5 = 0");

        FileFingerprinter.Reading reading = readPages(database);

        assertThat(reading.fingerprint()).isEqualTo(throughSqlite(database));
        assertThat(reading.throughSqlite()).containsOnlyKeys("documents_idx", "documents_config");
        assertThat(reading.fingerprint().tables().get("documents_content").rows()).isEqualTo(2400);
    }

    @Test
    void a_btree_that_loops_is_handed_to_sqlite_which_fails_as_it_does_without_the_page_reader() throws Exception {
        Path database = smallPagedTable("loop.db");
        int root = rootOfTable(database);
        // the root is an interior page: point its right-most child back at itself
        try (FileChannel file = FileChannel.open(database, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer type = ByteBuffer.allocate(1);
            file.read(type, (root - 1) * 512L);
            assertThat(type.get(0)).isEqualTo((byte) TableTree.INTERIOR_TABLE_PAGE);
            file.write(ByteBuffer.allocate(4).putInt(0, root), (root - 1) * 512L + 8);
        }

        assertThatThrownBy(() -> leaves(database, root)).isInstanceOf(PageFormatException.class)
                .hasMessage("page " + root + " is in a b-tree twice");
        assertCorruptBothWays(database);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"a leaf made an interior page, 0, 5", "a leaf emptied of its cells, 3, 0"})
    void a_damaged_leaf_the_walk_does_not_read_is_handed_to_sqlite_which_fails_as_it_does_alone(String damage,
            int offset, int value) throws Exception {
        Path database = smallPagedTable("leaf.db");
        int root = rootOfTable(database);
        // the root's left-most child: the walk reads only the right-most one to learn that its siblings are leaves
        int leaf;
        try (FileChannel file = FileChannel.open(database, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer rootPage = ByteBuffer.allocate(512);
            file.read(rootPage, (root - 1) * 512L);
            assertThat(rootPage.get(0)).isEqualTo((byte) TableTree.INTERIOR_TABLE_PAGE);
            leaf = rootPage.getInt(Short.toUnsignedInt(rootPage.getShort(12)));
            assertThat(leaf).isNotEqualTo(rootPage.getInt(8));
            ByteBuffer header = ByteBuffer.allocate(8);
            file.read(header, (leaf - 1) * 512L);
            assertThat(header.get(0)).isEqualTo((byte) TableTree.LEAF_TABLE_PAGE);
            header.put(offset, (byte) value);
            if (offset == 3) {
                header.put(4, (byte) 0);
            }
            file.write(header.flip(), (leaf - 1) * 512L);
        }

        assertThat(leaves(database, root)).contains(leaf);
        assertCorruptBothWays(database);
    }

    // table t of 500 rows on 512-byte pages: a root interior page over some leaves
    private Path smallPagedTable(String name) throws SQLException {
        return Sqlite.execute(directory.resolve(name), "PRAGMA page_size = 512",
                "CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)"
                        + " INSERT INTO t SELECT i, 'value ' || i FROM n");
    }

    private static int rootOfTable(Path database) throws SQLException {
        return Integer.parseInt(Sqlite.query(database, "SELECT rootpage FROM sqlite_schema WHERE name = 't'").get(0));
    }

    private static int[] leaves(Path database, int root) throws Exception {
        try (Connection connection = DatabaseFileConnections.immutable(database);
             RandomAccessFile file = new RandomAccessFile(database.toFile(), "r")) {
            PageReader reader = new PageReader(file, DatabaseHeader.read(file, DatabaseFacts.read(connection)));
            return TableTree.leaves(reader, root, new BitSet());
        }
    }

    // SQLite alone finds the file corrupt, and so does the fingerprint that hands it the table
    private static void assertCorruptBothWays(Path database) {
        assertThatThrownBy(() -> throughSqlite(database)).isInstanceOf(SQLiteException.class)
                .extracting(e -> ((SQLiteException) e).getResultCode()).isEqualTo(SQLiteErrorCode.SQLITE_CORRUPT);
        assertThatThrownBy(() -> readPages(database)).isInstanceOf(SQLiteException.class)
                .extracting(e -> ((SQLiteException) e).getResultCode()).isEqualTo(SQLiteErrorCode.SQLITE_CORRUPT);
    }

    private static void fillRandomly(Path database, Random random) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            connection.setAutoCommit(false);
            try (PreparedStatement mixed = connection.prepareStatement(
                    "INSERT INTO mixed VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement bare = connection.prepareStatement("INSERT INTO bare(rowid, a, b, c)"
                         + " VALUES (?, ?, ?, ?)");
                 PreparedStatement strict = connection.prepareStatement("INSERT INTO strict VALUES (?, ?, ?, ?)")) {
                for (int row = 0; row < 450; row++) {
                    // negative and big rowids, and some chosen by SQLite
                    mixed.setObject(1, row % 7 == 0 ? null : (row % 2 == 0 ? 1 : -1) * (((long) row << 40) + row));
                    for (int column = 2; column <= 12; column++) {
                        mixed.setObject(column, randomValue(random));
                    }
                    mixed.addBatch();
                    bare.setLong(1, row == 0 ? Long.MIN_VALUE : row == 1 ? Long.MAX_VALUE : random.nextLong());
                    for (int column = 2; column <= 4; column++) {
                        bare.setObject(column, randomValue(random));
                    }
                    bare.addBatch();
                    strict.setInt(1, row);
                    strict.setObject(2, random.nextBoolean() ? (double) random.nextInt(1000) : random.nextDouble());
                    strict.setObject(3, randomValue(random));
                    strict.setString(4, random.nextBoolean() ? null : text(random, random.nextInt(300)));
                    strict.addBatch();
                }
                mixed.executeBatch();
                bare.executeBatch();
                strict.executeBatch();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("UPDATE mixed SET r = 5 WHERE id % 10 = 1");
                statement.execute("UPDATE mixed SET f = -12345678901 WHERE id % 10 = 2");
            }
            connection.commit();
        }
    }

    // any storage class: NULL, small and huge integers, reals (some integer-valued), text and blobs, some far
    // bigger than a page so that they overflow
    private static Object randomValue(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> null;
            case 1 -> (long) random.nextInt(300) - 150;
            case 2 -> random.nextLong();
            case 3 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 4 -> (double) random.nextInt(100000);
            case 5 -> text(random, random.nextInt(40));
            case 6 -> text(random, 1 + random.nextInt(random.nextInt(10) == 0 ? 200_000 : 3000));
            case 7 -> bytes(random, random.nextInt(random.nextInt(10) == 0 ? 150_000 : 700));
            default -> bytes(random, 0);
        };
    }

    private static String text(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        String alphabet = "abcxyz ZÖë李雷😀\n'\"";
        while (text.length() < length) {
            text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                    random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
        }
        return text.toString();
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static FileFingerprinter.Reading readPages(Path database) throws SQLException {
        return FileFingerprinter.read(database, FileFingerprinter.RowSource.PAGES, Progress.NONE, "fingerprinting");
    }

    // the oracle: every row read through SQLite's statements, on one connection
    private static Fingerprint throughSqlite(Path database) throws SQLException {
        try (Connection connection = DatabaseFileConnections.immutable(database)) {
            return Fingerprinter.fingerprint(connection, Progress.NONE, "fingerprinting");
        }
    }
}
