package dev.lifeboat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.spi.CanonicalRow;
import dev.lifeboat.domain.spi.RowHashSum;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.TableFingerprint;
import dev.lifeboat.domain.spi.Progress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTest {

    private final SqliteEngine engine = new SqliteEngine();

    @TempDir
    Path directory;

    @Test
    void row_hashes_match_a_plain_jdbc_reading_of_every_value() throws Exception {
        Path database = Fixtures.rich(directory.resolve("rich.db"));

        Fingerprint fingerprint = fingerprint(database);

        assertThat(fingerprint.algorithm()).isEqualTo("sqlite-rows-sha256-sum-v1");
        assertThat(fingerprint.attributes()).containsEntry("user_version", "7").containsEntry("application_id", "1234");
        assertThat(fingerprint.tables()).isEqualTo(viaGetObject(database));
    }

    @Test
    void text_in_a_utf16_database_hashes_like_the_same_text_in_utf8() throws Exception {
        String create = "CREATE TABLE words(id INTEGER PRIMARY KEY, word TEXT)";
        String insert = "INSERT INTO words(word) VALUES ('Zoë'), ('李雷'), ('😀'), ('')";
        Path utf8 = Sqlite.execute(directory.resolve("utf8.db"), create, insert);
        Path utf16 = Sqlite.execute(directory.resolve("utf16.db"), "PRAGMA encoding = 'UTF-16be'", create, insert);

        assertThat(Sqlite.query(utf16, "PRAGMA encoding")).containsExactly("UTF-16be");
        assertThat(fingerprint(utf16)).isEqualTo(fingerprint(utf8));
    }

    @Test
    void rowids_are_part_of_the_data() throws Exception {
        Path first = Sqlite.execute(directory.resolve("first.db"), "CREATE TABLE t(x)", "INSERT INTO t VALUES ('a')");
        Path renumbered = Sqlite.execute(directory.resolve("second.db"), "CREATE TABLE t(x)",
                "INSERT INTO t(rowid, x) VALUES (5, 'a')");

        assertThat(fingerprint(first).differencesFrom(fingerprint(renumbered)))
                .containsExactly("table t: same row count (1) but different contents");
    }

    @Test
    void statistics_are_not_data_but_user_version_and_schema_are() throws Exception {
        Path database = Fixtures.rich(directory.resolve("rich.db"));
        Fingerprint before = fingerprint(database);

        Sqlite.execute(database, "DELETE FROM sqlite_stat1", "ANALYZE");
        assertThat(fingerprint(database)).isEqualTo(before);

        Sqlite.execute(database, "PRAGMA user_version = 8", "CREATE INDEX orders_amount ON orders(amount)");
        assertThat(before.differencesFrom(fingerprint(database)))
                .containsExactly("schema differs", "user_version: expected 7, found 8");
    }

    @Test
    void a_virtual_table_with_a_missing_module_is_skipped_and_its_schema_entry_counted() throws Exception {
        Path database = Sqlite.execute(directory.resolve("vt.db"), Fixtures.MISSING_MODULE);

        Fingerprint fingerprint = fingerprint(database);

        assertThat(fingerprint.tables()).containsOnlyKeys("kept");
        assertThat(fingerprint.totalRows()).isEqualTo(2);
        assertThat(engine.describe(DatabaseLocation.of(database.toString())).tables()).hasSize(1);
    }

    @Test
    void a_snapshot_hashed_by_several_workers_in_rowid_slices_matches_one_pass_over_the_live_database()
            throws Exception {
        Path database = Sqlite.execute(directory.resolve("big.db"),
                "CREATE TABLE big(id INTEGER PRIMARY KEY, value TEXT, amount REAL)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000)"
                        + " INSERT INTO big SELECT i * 3, 'value ' || i, i / 7.0 FROM n",
                "DELETE FROM big WHERE id % 11 = 0",
                "CREATE TABLE extremes(x)",
                "INSERT INTO extremes(rowid, x) VALUES (-9223372036854775808, 'min'), (0, 'zero'),"
                        + " (9223372036854775807, 'max')",
                "CREATE TABLE spread(x)",
                "INSERT INTO spread(rowid, x) VALUES (-5000000, 'a'), (1, 'b'), (7000000, 'c')",
                "CREATE TABLE keyed(k INTEGER PRIMARY KEY, v) WITHOUT ROWID",
                "INSERT INTO keyed SELECT id, value FROM big WHERE id < 60000");
        Fingerprint live = fingerprint(database);

        BackedUp backup = BackedUp.of(database, directory);

        assertThat(backup.result().fingerprint()).isEqualTo(live);
        assertThat(live.tables().get("big").rows()).isEqualTo(300000 - 300000 / 11);
        assertThat(live.tables().get("extremes").rows()).isEqualTo(3);
    }

    private Fingerprint fingerprint(Path database) {
        return engine.fingerprint(DatabaseLocation.of(database.toString()), Progress.NONE);
    }

    /** The row hashes computed the plain JDBC way, value by value through getObject. */
    private static Map<String, TableFingerprint> viaGetObject(Path database) throws Exception {
        Map<String, TableFingerprint> tables = new TreeMap<>();
        CanonicalRow row = new CanonicalRow();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement schema = connection.createStatement();
             ResultSet names = schema.executeQuery("SELECT name, sql FROM sqlite_schema WHERE type = 'table'"
                     + " AND name NOT LIKE 'sqlite_stat%' AND sql NOT LIKE 'CREATE VIRTUAL%'")) {
            while (names.next()) {
                String name = names.getString(1);
                boolean withoutRowid = names.getString(2).toUpperCase(Locale.ROOT).contains("WITHOUT ROWID");
                RowHashSum sum = new RowHashSum();
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery((withoutRowid ? "SELECT *" : "SELECT _rowid_, *")
                             + " FROM \"" + name + "\"")) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        row.reset();
                        for (int column = 1; column <= columns; column++) {
                            Object value = rows.getObject(column);
                            if (value == null) {
                                row.putNull();
                            } else if (value instanceof Integer || value instanceof Long) {
                                row.putInteger(((Number) value).longValue());
                            } else if (value instanceof Double real) {
                                row.putReal(real);
                            } else if (value instanceof String text) {
                                row.putText(text);
                            } else {
                                row.putBlob((byte[]) value);
                            }
                        }
                        sum.add(row);
                    }
                }
                tables.put(name, sum.result());
            }
        }
        return tables;
    }
}
