package dev.lifeboat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.contract.DirectoryScratch;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.CheckStatus;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RestoreOutcome;
import dev.lifeboat.domain.spi.ScratchRestoreJob;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A source whose indexes disagree with its tables is backed up as it is (a backup runs no integrity check), and
 * SQLite's integrity check fails on every copy of it. The tables hold the data, so a restore rebuilds the indexes
 * from them and restores, saying so, rather than refusing a backup that holds every row; damage it cannot mend is
 * still refused. The sqlite3 tool judges the result.
 */
class DamagedIndexTest {

    private static final String[] CONTENT = {".sha3sum", "PRAGMA journal_mode", "PRAGMA page_size",
        "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name"};

    private final SqliteEngine engine = new SqliteEngine();

    @TempDir
    Path directory;

    /** The numbers 1 to {@code count}, as a subquery whose column is {@code value}. */
    private static String numbers(int count) {
        return "(WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n WHERE value < " + count
                + ") SELECT value FROM n)";
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"WAL", "DELETE"})
    void a_backup_of_a_source_whose_index_disagrees_with_its_table_restores_with_the_index_rebuilt(String journal)
            throws Exception {
        Path source = Sqlite.execute(directory.resolve("source.db"), "PRAGMA journal_mode = " + journal,
                "CREATE TABLE parent(id INTEGER PRIMARY KEY, code TEXT UNIQUE)",
                "CREATE TABLE item(id INTEGER PRIMARY KEY, parent_code TEXT REFERENCES parent(code), a TEXT, b TEXT)",
                "CREATE INDEX item_a ON item(a)",
                "INSERT INTO parent(code) SELECT 'p' || value FROM " + numbers(50),
                "INSERT INTO item(parent_code, a, b) SELECT 'p' || (value % 60), 'a' || value,"
                        + " 'b' || (value * 7 % 1000) FROM " + numbers(3000),
                // the index's definition changed under it, as an edited schema or a changed collation leaves it
                "PRAGMA writable_schema = ON",
                "UPDATE sqlite_schema SET sql = 'CREATE INDEX item_a ON item(b)' WHERE name = 'item_a'");
        assertThat(Sqlite.cli(source, "PRAGMA integrity_check")).as("the source is damaged")
                .contains("missing from index item_a");
        String violations = Sqlite.cli(source, "SELECT count(*) FROM pragma_foreign_key_check");
        BackedUp backup = BackedUp.of(source, directory);
        Path targetDirectory = Files.createDirectory(directory.resolve("restored"));
        Path target = targetDirectory.resolve("target.db");

        RestoreOutcome restored = engine.restore(backup.restoreTo(target, false));
        RestoreOutcome verified;
        try (DirectoryScratch scratch = new DirectoryScratch(Files.createDirectory(directory.resolve("scratch")))) {
            verified = engine.restoreToScratch(new ScratchRestoreJob(backup.manifest(), backup.parts(), scratch,
                    Map.of(), Progress.NONE));
        }

        assertThat(Sqlite.cli(target, "PRAGMA integrity_check")).isEqualTo("ok");
        assertThat(Sqlite.cli(target, CONTENT)).as("every row, the schema and the settings")
                .isEqualTo(Sqlite.cli(source, CONTENT));
        assertThat(Sqlite.cli(target, "SELECT count(*) FROM item WHERE b = 'b7'"))
                .as("the rebuilt index answers as the table does")
                .isEqualTo(Sqlite.cli(target, "SELECT count(*) FROM item NOT INDEXED WHERE b = 'b7'"))
                .isEqualTo("3");
        assertThat(Sqlite.names(targetDirectory)).as("nothing left beside the target").containsExactly("target.db");
        for (RestoreOutcome outcome : List.of(restored, verified)) {
            assertThat(outcome.checks()).extracting(VerificationCheck::name)
                    .containsExactly("integrity_check", "fingerprint", "foreign keys");
            assertThat(outcome.checks().get(0).status()).isEqualTo(CheckStatus.WARNING);
            assertThat(outcome.checks().get(0).detail()).contains("rebuilt", "missing from index item_a");
            assertThat(outcome.checks().get(1).status()).isEqualTo(CheckStatus.PASSED);
            assertThat(outcome.checks().get(2).detail()).as("the foreign keys looked up again in sound indexes")
                    .startsWith(violations + " foreign-key violations");
            assertThat(outcome.warnings()).anySatisfy(warning -> assertThat(warning)
                    .contains("indexes disagreed with its tables", "REINDEX"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"WAL", "DELETE"})
    void a_backup_whose_index_page_is_garbage_is_refused_and_nothing_is_left(String journal) throws Exception {
        Path source = Sqlite.execute(directory.resolve("source.db"), "PRAGMA journal_mode = " + journal,
                "CREATE TABLE item(id INTEGER PRIMARY KEY, a TEXT)", "CREATE INDEX item_a ON item(a)",
                "INSERT INTO item(a) SELECT 'a' || value FROM " + numbers(3000));
        Sqlite.execute(source, "PRAGMA wal_checkpoint(TRUNCATE)");
        long root = Long.parseLong(Sqlite.query(source, "SELECT rootpage FROM sqlite_schema WHERE name = 'item_a'")
                .get(0));
        try (RandomAccessFile file = new RandomAccessFile(source.toFile(), "rw")) {
            file.seek((root - 1) * 4096);
            file.write(new byte[] {(byte) 0xEE, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        }
        BackedUp backup = BackedUp.of(source, directory);
        Path targetDirectory = Files.createDirectory(directory.resolve("restored"));

        assertThatThrownBy(() -> engine.restore(backup.restoreTo(targetDirectory.resolve("target.db"), false)))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("fails SQLite's integrity check: ")
                .hasMessageContaining("rebuilding its indexes from its tables failed");
        assertThat(Sqlite.names(targetDirectory)).as("nothing restored, nothing left").isEmpty();
    }
}
