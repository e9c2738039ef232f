package dev.lifeboat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.error.RefusedException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.TableFingerprint;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.TargetState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A restore replaces the target whole or not at all, and the result is private to its owner. */
class RestoreSafetyTest {

    private final SqliteEngine engine = new SqliteEngine();

    @TempDir
    Path directory;

    private BackedUp backup;

    @BeforeEach
    void takeBackup() throws Exception {
        Path scratch = Files.createDirectory(directory.resolve("scratch"));
        backup = BackedUp.of(Sqlite.execute(scratch.resolve("source.db"), "CREATE TABLE t(x)",
                "INSERT INTO t VALUES ('from the backup'), ('second row')"), scratch);
    }

    @ParameterizedTest(name = "journal mode {0}")
    @ValueSource(strings = {"WAL", "DELETE"})
    void a_damaged_part_leaves_the_old_target_byte_for_byte(String journalMode) throws Exception {
        Path target = oldTarget(journalMode);
        String before = Sqlite.sha256(target);
        backup.parts().damage("database.sqlite", 100);

        assertThatThrownBy(() -> engine.restore(backup.restoreTo(target, true)))
                .isInstanceOf(VerificationFailedException.class).hasMessageContaining("damaged");

        assertThat(Sqlite.sha256(target)).isEqualTo(before);
        assertThat(Sqlite.names(directory)).containsExactly("old.db", "scratch");
    }

    @ParameterizedTest(name = "journal mode {0}")
    @ValueSource(strings = {"WAL", "DELETE"})
    void a_fingerprint_mismatch_leaves_the_old_target_byte_for_byte(String journalMode) throws Exception {
        Path target = oldTarget(journalMode);
        String before = Sqlite.sha256(target);
        Fingerprint recorded = backup.manifest().fingerprint();
        Map<String, TableFingerprint> tables = new TreeMap<>(recorded.tables());
        tables.put("t", new TableFingerprint(2, "0".repeat(64)));
        Manifest tampered = withFingerprint(backup.manifest(),
                Fingerprint.of(recorded.algorithm(), recorded.schemaHash(), recorded.attributes(), tables));

        assertThatThrownBy(() -> engine.restore(backup.restoreTo(target, true, tampered)))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("table t: same row count (2) but different contents");

        assertThat(Sqlite.sha256(target)).isEqualTo(before);
        assertThat(Sqlite.names(directory)).containsExactly("old.db", "scratch");
    }

    @Test
    void a_file_that_is_not_a_sqlite_database_is_never_replaced() throws Exception {
        Path notes = Files.writeString(directory.resolve("notes.txt"), "my notes");

        assertThatThrownBy(() -> engine.probeTarget(DatabaseLocation.of(notes.toString())))
                .isInstanceOf(RefusedException.class).hasMessageContaining("is not a SQLite database");
        assertThatThrownBy(() -> engine.restore(backup.restoreTo(notes, true)))
                .isInstanceOf(RefusedException.class);
        assertThat(Files.readString(notes)).isEqualTo("my notes");
    }

    @Test
    void an_occupied_target_is_refused_without_replace_and_an_empty_one_is_not() throws Exception {
        Path occupied = oldTarget("DELETE");
        Path emptyFile = Files.createFile(directory.resolve("empty.db"));
        Path noTables = Sqlite.execute(directory.resolve("no-tables.db"), "CREATE TABLE gone(x)", "DROP TABLE gone");

        assertThat(engine.probeTarget(DatabaseLocation.of(occupied.toString()))).isEqualTo(TargetState.OCCUPIED);
        assertThat(engine.probeTarget(DatabaseLocation.of(emptyFile.toString()))).isEqualTo(TargetState.EMPTY);
        assertThat(engine.probeTarget(DatabaseLocation.of(noTables.toString()))).isEqualTo(TargetState.EMPTY);
        assertThatThrownBy(() -> engine.restore(backup.restoreTo(occupied, false)))
                .isInstanceOf(RefusedException.class).hasMessageContaining("--overwrite");

        engine.restore(backup.restoreTo(emptyFile, false));
        engine.restore(backup.restoreTo(noTables, false));
        assertThat(Sqlite.cli(emptyFile, "SELECT count(*) FROM t")).isEqualTo("2");
        assertThat(Sqlite.cli(noTables, "SELECT count(*) FROM t")).isEqualTo("2");
    }

    @Test
    void a_directory_is_no_target() {
        assertThatThrownBy(() -> engine.probeTarget(DatabaseLocation.of(directory.toString())))
                .isInstanceOf(InvalidUsageException.class).hasMessageContaining("is a directory");
    }

    @Test
    void the_restored_file_keeps_the_old_mode_and_a_new_one_is_private() throws Exception {
        Path old = oldTarget("DELETE");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r-----"));
        Path fresh = directory.resolve("new").resolve("deeper").resolve("fresh.db");

        engine.restore(backup.restoreTo(old, true));
        engine.restore(backup.restoreTo(fresh, false));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(old))).isEqualTo("rw-r-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.getParent().getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void a_failed_restore_removes_the_directories_it_created() {
        Path fresh = directory.resolve("new").resolve("fresh.db");
        backup.parts().damage("database.sqlite", 100);

        assertThatThrownBy(() -> engine.restore(backup.restoreTo(fresh, false)))
                .isInstanceOf(VerificationFailedException.class);
        assertThat(directory.resolve("new")).doesNotExist();
    }

    @Test
    void a_write_ahead_log_left_beside_the_old_target_does_not_leak_into_the_restore() throws Exception {
        Path target = directory.resolve("target.db");
        leaveUncheckpointedLog(target, "CREATE TABLE leftover(x)", "INSERT INTO leftover VALUES ('old data')");
        assertThat(Files.size(Path.of(target + "-wal"))).isPositive();

        engine.restore(backup.restoreTo(target, true));

        assertThat(engine.fingerprint(DatabaseLocation.of(target.toString()), Progress.NONE))
                .isEqualTo(backup.result().fingerprint());
        assertThat(Sqlite.cli(target, "SELECT x FROM t")).isEqualTo("from the backup\nsecond row");
    }

    @Test
    void probing_a_wal_target_whose_log_holds_commits_changes_neither_the_file_nor_the_log() throws Exception {
        Path target = directory.resolve("target.db");
        leaveUncheckpointedLog(target, "CREATE TABLE leftover(x)", "INSERT INTO leftover VALUES ('old data')");
        Path log = Path.of(target + "-wal");
        String fileBefore = Sqlite.sha256(target);
        String logBefore = Sqlite.sha256(log);
        assertThat(Files.size(log)).isPositive();

        // the table is only in the log: finding it proves the log was read
        assertThat(engine.probeTarget(DatabaseLocation.of(target.toString()))).isEqualTo(TargetState.OCCUPIED);
        assertThatThrownBy(() -> engine.restore(backup.restoreTo(target, false)))
                .isInstanceOf(RefusedException.class).hasMessageContaining("--overwrite");

        assertThat(Sqlite.sha256(target)).isEqualTo(fileBefore);
        assertThat(Sqlite.sha256(log)).isEqualTo(logBefore);
        assertThat(Sqlite.names(directory)).noneMatch(name -> name.contains("lifeboat-restore"));
    }

    @Test
    void a_failed_rename_leaves_a_wal_target_in_wal_mode_with_its_data() throws Exception {
        Path target = Sqlite.execute(directory.resolve("old.db"), "PRAGMA journal_mode = WAL", "CREATE TABLE old(x)",
                "INSERT INTO old VALUES ('the user''s data')");

        try (ExclusiveAccess access = ExclusiveAccess.take(target, target.toString())) {
            assertThat(access.schemaEntries()).isEqualTo(1);
            assertThatThrownBy(() -> access.replaceWith(directory.resolve("no-such-replacement.db")))
                    .isInstanceOf(java.nio.file.NoSuchFileException.class);
        }

        assertThat(DatabaseFile.isWal(target)).isTrue();
        assertThat(Sqlite.cli(target, "PRAGMA journal_mode")).isEqualTo("wal");
        assertThat(Sqlite.cli(target, "SELECT x FROM old")).isEqualTo("the user's data");
    }

    @ParameterizedTest(name = "journal mode {0}")
    @ValueSource(strings = {"DELETE", "WAL"})
    void a_file_renamed_over_the_target_while_its_lock_is_held_is_never_replaced(String journalMode)
            throws Exception {
        Path target = oldTarget(journalMode);
        Path swappedIn = Sqlite.execute(directory.resolve("other.db"), "CREATE TABLE precious(x)",
                "INSERT INTO precious VALUES ('the only copy')");
        Path replacement = Sqlite.execute(directory.resolve("replacement.db"), "CREATE TABLE t(x)");

        try (ExclusiveAccess access = ExclusiveAccess.take(target, target.toString())) {
            // what mv does: the name now reaches another file, unlocked, never checked nor backed up
            Files.move(swappedIn, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertThatThrownBy(() -> access.replaceWith(replacement)).isInstanceOf(LockedException.class)
                    .hasMessageContaining("was replaced by another file").hasMessageContaining("nothing was replaced");
        }

        assertThat(Sqlite.cli(target, "SELECT x FROM precious")).isEqualTo("the only copy");
        assertThat(Sqlite.cli(target, "PRAGMA integrity_check")).isEqualTo("ok");
        assertThat(replacement).exists();
    }

    @Test
    void a_stale_log_beside_a_missing_target_is_not_read_as_part_of_the_restore() throws Exception {
        Path target = directory.resolve("target.db");
        leaveUncheckpointedLog(target, "CREATE TABLE leftover(x)", "INSERT INTO leftover VALUES ('old data')");
        Files.delete(target);

        engine.restore(backup.restoreTo(target, false));

        assertThat(engine.fingerprint(DatabaseLocation.of(target.toString()), Progress.NONE))
                .isEqualTo(backup.result().fingerprint());
    }

    @Test
    void a_symbolic_link_target_replaces_the_database_it_points_to() throws Exception {
        Path real = oldTarget("DELETE");
        Path link = Files.createSymbolicLink(directory.resolve("link.db"), real);

        engine.restore(backup.restoreTo(link, true));

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Sqlite.cli(real, "SELECT count(*) FROM t")).isEqualTo("2");
    }

    private Path oldTarget(String journalMode) throws Exception {
        return Sqlite.execute(directory.resolve("old.db"), "PRAGMA journal_mode = " + journalMode,
                "CREATE TABLE old(x)", "INSERT INTO old VALUES ('the user''s data')");
    }

    /** A WAL database whose log still holds commits, as a crashed application leaves it. */
    private void leaveUncheckpointedLog(Path target, String... statements) throws Exception {
        Path original = directory.resolve("crashed.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + original);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL");
            statement.execute("PRAGMA wal_autocheckpoint = 0");
            for (String sql : statements) {
                statement.execute(sql);
            }
            // copies taken while the connection is open keep the log as it is
            Files.copy(original, target);
            Files.copy(Path.of(original + "-wal"), Path.of(target + "-wal"));
        }
    }

    private static Manifest withFingerprint(Manifest manifest, Fingerprint fingerprint) {
        return new Manifest(manifest.formatVersion(), manifest.toolVersion(), manifest.createdAt(), manifest.engineId(),
                manifest.engineVersion(), manifest.source(), manifest.label(), fingerprint, manifest.options(),
                manifest.parts(), manifest.warnings());
    }
}
