package dev.lifeboat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.contract.DirectoryScratch;
import dev.lifeboat.domain.contract.InMemoryParts;
import dev.lifeboat.domain.model.CheckStatus;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.SourceInfo;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RestoreJob;
import dev.lifeboat.domain.spi.RestoreOutcome;
import dev.lifeboat.domain.spi.ScratchRestoreJob;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Backs up databases with awkward features and restores them, then checks with the sqlite3 tool (another SQLite,
 * another process) that the restored database holds the same schema, data and settings as the source.
 */
class RoundTripTest {

    // what the sqlite3 tool sees: a hash of every table's content and the schema, and the file's settings
    private static final String[] ORACLE = {".sha3sum --schema", "PRAGMA user_version", "PRAGMA application_id",
        "PRAGMA page_size", "PRAGMA encoding", "PRAGMA journal_mode",
        "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name"};

    private final SqliteEngine engine = new SqliteEngine();

    @TempDir
    Path directory;

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("every kind of table, FTS5, generated columns, odd values", List.of(Fixtures.RICH)),
                Arguments.of("the same in WAL mode", with("PRAGMA journal_mode = WAL", Fixtures.RICH)),
                Arguments.of("UTF-16 text", List.of("PRAGMA encoding = 'UTF-16le'",
                        "CREATE TABLE words(id INTEGER PRIMARY KEY, word TEXT, note)",
                        "INSERT INTO words(word, note) VALUES ('Zoë', 'ü'), ('李雷', NULL), ('😀', x'00'), ('', 1.5)")),
                Arguments.of("1024-byte pages", with("PRAGMA page_size = 1024", Fixtures.RICH)),
                Arguments.of("65536-byte pages in WAL mode",
                        with("PRAGMA page_size = 65536", with("PRAGMA journal_mode = WAL", Fixtures.RICH).toArray(String[]::new))),
                Arguments.of("no tables at all", List.of("CREATE TABLE gone(a)", "DROP TABLE gone")),
                Arguments.of("tables without rows", List.of("CREATE TABLE a(x INTEGER PRIMARY KEY, y)",
                        "CREATE TABLE b(k TEXT PRIMARY KEY) WITHOUT ROWID", "PRAGMA user_version = 3")),
                Arguments.of("rowid gaps in a table without INTEGER PRIMARY KEY", List.of("CREATE TABLE log(line TEXT)",
                        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)"
                                + " INSERT INTO log SELECT 'line ' || i FROM n",
                        "DELETE FROM log WHERE rowid % 7 <> 0")),
                Arguments.of("foreign-key violations", List.of(Fixtures.FOREIGN_KEY_VIOLATIONS)),
                Arguments.of("a virtual table whose module is missing", List.of(Fixtures.MISSING_MODULE)));
    }

    private static List<String> with(String first, String... rest) {
        List<String> statements = new ArrayList<>(List.of(first));
        statements.addAll(List.of(rest));
        return statements;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_restore_holds_what_the_source_holds(String name, List<String> statements) throws Exception {
        Path source = Sqlite.execute(directory.resolve("source.db"), statements.toArray(String[]::new));
        String sourceBefore = Sqlite.sha256(source);
        long violations = Long.parseLong(Sqlite.query(source, "SELECT count(*) FROM pragma_foreign_key_check").get(0));
        InMemoryParts parts = new InMemoryParts();
        EngineBackup backup;
        try (DirectoryScratch scratch = new DirectoryScratch(directory)) {
            backup = engine.backup(new BackupJob(DatabaseLocation.of(source.toString()), Map.of(), parts, scratch,
                    Progress.NONE));
        }
        Path target = directory.resolve("restored").resolve("target.db");

        RestoreOutcome outcome = engine.restore(new RestoreJob(manifest(backup, parts), parts,
                DatabaseLocation.of(target.toString()), false, Optional.empty(), Map.of(), Progress.NONE));

        assertThat(outcome.checks()).extracting(VerificationCheck::name)
                .containsExactly("integrity_check", "fingerprint", "foreign keys");
        assertThat(Sqlite.sha256(source)).as("the source is never changed").isEqualTo(sourceBefore);
        assertThat(Sqlite.bytes(target)).as("the restored file is the archived file")
                .isEqualTo(parts.bytes("database.sqlite"));
        assertThat(engine.fingerprint(DatabaseLocation.of(target.toString()), Progress.NONE))
                .isEqualTo(backup.fingerprint())
                .isEqualTo(engine.fingerprint(DatabaseLocation.of(source.toString()), Progress.NONE));
        assertThat(Sqlite.cli(target, "PRAGMA integrity_check")).isEqualTo("ok");
        assertThat(Sqlite.cli(target, ORACLE)).isEqualTo(Sqlite.cli(source, ORACLE));
        for (String table : Sqlite.query(source, "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE"
                + " 'CREATE VIRTUAL%' AND sql NOT LIKE '%WITHOUT ROWID%' AND name NOT IN ('shadowed', 'sqlite_stat1')")) {
            String rowids = "SELECT group_concat(_rowid_) FROM \"" + table + "\"";
            assertThat(Sqlite.cli(target, rowids)).as("rowids of " + table).isEqualTo(Sqlite.cli(source, rowids));
        }
        VerificationCheck foreignKeys = outcome.checks().get(2);
        if (violations == 0) {
            assertThat(backup.warnings()).isEmpty();
            assertThat(foreignKeys.status()).isEqualTo(CheckStatus.PASSED);
        } else {
            assertThat(backup.warnings()).containsExactly(
                    "2 foreign-key violations in the source (children: 2); restored as they are");
            assertThat(foreignKeys.status()).isEqualTo(CheckStatus.WARNING);
            assertThat(foreignKeys.detail()).contains("2 foreign-key violations", "as recorded when the backup was taken");
            assertThat(outcome.warnings()).singleElement().asString().contains("restored as they are");
            assertThat(Sqlite.cli(target, "SELECT count(*) FROM pragma_foreign_key_check")).isEqualTo("2");
        }
    }

    @Test
    void a_restore_reports_the_foreign_key_violations_the_backup_recorded_and_deep_verification_looks_again()
            throws Exception {
        Path source = Sqlite.execute(directory.resolve("source.db"), Fixtures.FOREIGN_KEY_VIOLATIONS);
        InMemoryParts parts = new InMemoryParts();
        EngineBackup backup;
        try (DirectoryScratch scratch = new DirectoryScratch(directory)) {
            backup = engine.backup(new BackupJob(DatabaseLocation.of(source.toString()), Map.of(), parts, scratch,
                    Progress.NONE));
        }
        // the same archive, as if its backup had found no violations
        Manifest unrecorded = manifest(backup, parts, List.of());

        RestoreOutcome restored = engine.restore(new RestoreJob(unrecorded, parts,
                DatabaseLocation.of(directory.resolve("target.db").toString()), false, Optional.empty(), Map.of(),
                Progress.NONE));
        RestoreOutcome verified;
        try (DirectoryScratch scratch = new DirectoryScratch(directory)) {
            verified = engine.restoreToScratch(new ScratchRestoreJob(unrecorded, parts, scratch, Map.of(),
                    Progress.NONE));
        }

        assertThat(restored.checks()).filteredOn(check -> check.name().equals("foreign keys")).singleElement()
                .satisfies(check -> {
                    assertThat(check.status()).isEqualTo(CheckStatus.PASSED);
                    assertThat(check.detail()).isEqualTo("no violations, as the backup found");
                });
        assertThat(restored.warnings()).isEmpty();
        assertThat(verified.checks()).filteredOn(check -> check.name().equals("foreign keys")).singleElement()
                .satisfies(check -> {
                    assertThat(check.status()).isEqualTo(CheckStatus.WARNING);
                    assertThat(check.detail()).isEqualTo(
                            "2 foreign-key violations (children: 2), not recorded when the backup was taken");
                });
        assertThat(backup.warnings()).containsExactly(
                "2 foreign-key violations in the source (children: 2); restored as they are");
    }

    static Manifest manifest(EngineBackup backup, InMemoryParts parts) {
        return manifest(backup, parts, backup.warnings());
    }

    static Manifest manifest(EngineBackup backup, InMemoryParts parts, List<String> warnings) {
        return new Manifest(1, "test", Instant.parse("2026-01-01T00:00:00Z"), "sqlite",
                backup.description().engineVersion(), SourceInfo.from(backup.description()), Optional.empty(),
                backup.fingerprint(), new TreeMap<>(), parts.parts(), warnings);
    }
}
