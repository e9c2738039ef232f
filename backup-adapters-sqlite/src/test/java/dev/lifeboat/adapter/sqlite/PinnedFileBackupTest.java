package dev.lifeboat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.contract.DirectoryScratch;
import dev.lifeboat.domain.contract.InMemoryParts;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.PartSink;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.ProgressUnit;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteException;

/**
 * The backup that archives the live database file itself, and when it must leave the job to the online backup API.
 * Each test says which way the backup went, as the manifest records it, and checks the data a restore gives back.
 */
class PinnedFileBackupTest {

    private final SqliteEngine engine = new SqliteEngine();

    @TempDir
    Path directory;

    @TempDir
    Path scratchDirectory;

    @ParameterizedTest(name = "journal mode {0}")
    @ValueSource(strings = {"WAL", "DELETE"})
    void an_idle_database_is_archived_straight_from_its_file_which_is_left_as_it_was(String journalMode)
            throws Exception {
        Path source = Sqlite.execute(directory.resolve("app.db"), journalMode(journalMode, Fixtures.RICH));
        byte[] file = Sqlite.bytes(source);

        BackedUp backup = BackedUp.of(source, scratchDirectory);

        assertThat(backup.snapshotMethod()).isEqualTo("file");
        assertThat(backup.result().description().properties())
                .containsEntry("journal_mode", journalMode.toLowerCase(Locale.ROOT));
        assertThat(backup.parts().bytes(SnapshotBackup.PART_NAME)).as("the file, byte for byte").isEqualTo(file);
        assertThat(Sqlite.bytes(source)).isEqualTo(file);
        assertThat(Sqlite.names(scratchDirectory)).isEmpty();
        assertRestoresTo(backup, engine.fingerprint(DatabaseLocation.of(source.toString()), Progress.NONE));
    }

    @Test
    void both_ways_of_taking_the_snapshot_give_the_same_data() throws Exception {
        Path source = Sqlite.execute(directory.resolve("app.db"), journalMode("WAL", Fixtures.RICH));

        BackedUp fromFile = BackedUp.of(source, scratchDirectory);
        BackedUp copied = BackedUp.of(source, scratchDirectory, SnapshotBackup.Route.BACKUP_API_ONLY,
                PinnedSnapshot.Observer.NONE);

        assertThat(fromFile.snapshotMethod()).isEqualTo("file");
        assertThat(copied.snapshotMethod()).isEqualTo("backup-api");
        assertThat(fromFile.result().fingerprint()).isEqualTo(copied.result().fingerprint());
        assertThat(fromFile.result().description().tables()).isEqualTo(copied.result().description().tables());
        assertThat(fromFile.result().warnings()).isEqualTo(copied.result().warnings());
        assertRestoresTo(copied, fromFile.result().fingerprint());
    }

    @Test
    void committed_pages_still_only_in_the_write_ahead_log_send_the_backup_through_the_backup_api() throws Exception {
        Path source = Sqlite.execute(directory.resolve("app.db"), "PRAGMA journal_mode = WAL",
                "CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT)", "INSERT INTO notes(text) VALUES ('in the file')");
        try (Connection application = DriverManager.getConnection("jdbc:sqlite:" + source);
             Statement statement = application.createStatement()) {
            // the application stays connected and has not checkpointed: its last commit is in the log only
            statement.execute("PRAGMA wal_autocheckpoint = 0");
            statement.execute("INSERT INTO notes(text) VALUES ('in the log only')");

            BackedUp backup = BackedUp.of(source, scratchDirectory);

            assertThat(backup.snapshotMethod()).isEqualTo("backup-api");
            Path restored = assertRestoresTo(backup, backup.result().fingerprint());
            assertThat(Sqlite.cli(restored, "SELECT group_concat(text, '|') FROM notes"))
                    .isEqualTo("in the file|in the log only");
        }
    }

    @Test
    void a_commit_while_the_readers_start_is_caught_and_the_backup_api_takes_over() throws Exception {
        Path source = Sqlite.execute(directory.resolve("app.db"), "PRAGMA journal_mode = WAL",
                "CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT)", "INSERT INTO notes(text) VALUES ('before')");

        BackedUp backup = BackedUp.of(source, scratchDirectory, SnapshotBackup.Route.FILE_WHEN_PROVEN,
                new PinnedSnapshot.Observer() {
                    @Override
                    public void readersStarted() {
                        // another process commits between the first reader's start and the proof
                        cli(source, "INSERT INTO notes(text) VALUES ('meanwhile')");
                    }
                });

        assertThat(backup.snapshotMethod()).isEqualTo("backup-api");
        Path restored = assertRestoresTo(backup, engine.fingerprint(DatabaseLocation.of(source.toString()),
                Progress.NONE));
        assertThat(Sqlite.cli(restored, "SELECT group_concat(text, '|') FROM notes")).isEqualTo("before|meanwhile");
    }

    @Test
    void in_wal_mode_what_another_process_commits_and_checkpoints_while_the_file_is_read_is_not_in_the_backup()
            throws Exception {
        Path source = Sqlite.execute(directory.resolve("app.db"), "PRAGMA journal_mode = WAL",
                "CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT)", "INSERT INTO notes(text) VALUES ('before')",
                "CREATE TABLE filler(data BLOB)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)"
                        + " INSERT INTO filler SELECT randomblob(3000) FROM n");
        Fingerprint before = engine.fingerprint(DatabaseLocation.of(source.toString()), Progress.NONE);

        BackedUp backup = BackedUp.of(source, scratchDirectory, SnapshotBackup.Route.FILE_WHEN_PROVEN,
                new PinnedSnapshot.Observer() {
                    @Override
                    public void pinned() {
                        // writers go on in WAL mode; a checkpoint, even one that waits, cannot copy their pages into
                        // the file while the backup reads it, nor can the writer's closing the database
                        cli(source, "UPDATE filler SET data = zeroblob(3000)", "INSERT INTO notes(text) VALUES ('after')",
                                "PRAGMA wal_checkpoint(TRUNCATE)");
                    }
                });

        assertThat(backup.snapshotMethod()).isEqualTo("file");
        assertThat(backup.result().fingerprint()).isEqualTo(before);
        Path restored = assertRestoresTo(backup, before);
        assertThat(Sqlite.cli(restored, "SELECT group_concat(text, '|') FROM notes")).isEqualTo("before");
        assertThat(Sqlite.query(source, "SELECT group_concat(text, '|') FROM notes")).containsExactly("before|after");
    }

    @Test
    void in_rollback_journal_mode_a_writer_waits_while_the_file_is_read_and_writes_afterwards() throws Exception {
        Path source = Sqlite.execute(directory.resolve("app.db"), "CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT)",
                "INSERT INTO notes(text) VALUES ('before')");
        Fingerprint before = engine.fingerprint(DatabaseLocation.of(source.toString()), Progress.NONE);
        List<Throwable> refusals = new ArrayList<>();

        BackedUp backup = BackedUp.of(source, scratchDirectory, SnapshotBackup.Route.FILE_WHEN_PROVEN,
                new PinnedSnapshot.Observer() {
                    @Override
                    public void pinned() {
                        try {
                            insertWithoutWaiting(source, "during");
                        } catch (SQLException e) {
                            refusals.add(e);
                        }
                    }
                });

        assertThat(backup.snapshotMethod()).isEqualTo("file");
        assertThat(refusals).singleElement().satisfies(refusal -> assertThat(refusal)
                .isInstanceOf(SQLiteException.class).hasMessageContaining("database is locked"));
        assertRestoresTo(backup, before);
        insertWithoutWaiting(source, "after");
        assertThat(Sqlite.query(source, "SELECT group_concat(text, '|') FROM notes")).containsExactly("before|after");
    }

    @Test
    void a_failing_archive_fails_the_backup_and_lets_writers_go_on() throws Exception {
        Path source = Sqlite.execute(directory.resolve("app.db"), "CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT)");
        PartSink full = (name, role) -> new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };

        try (DirectoryScratch scratch = new DirectoryScratch(scratchDirectory)) {
            assertThatThrownBy(() -> engine.backup(new BackupJob(DatabaseLocation.of(source.toString()), Map.of(),
                    full, scratch, Progress.NONE))).hasMessageContaining("the disk is full");
        }

        insertWithoutWaiting(source, "after");
        assertThat(Sqlite.query(source, "SELECT text FROM notes")).containsExactly("after");
        assertThat(Sqlite.names(scratchDirectory)).isEmpty();
    }

    @Test
    void bytes_past_the_last_page_stay_out_of_the_archive() throws Exception {
        Path source = Sqlite.execute(directory.resolve("app.db"), Fixtures.RICH);
        byte[] pages = Sqlite.bytes(source);
        try (FileChannel file = FileChannel.open(source, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            file.write(ByteBuffer.wrap(new byte[10_000]));
        }

        BackedUp backup = BackedUp.of(source, scratchDirectory);

        assertThat(backup.snapshotMethod()).isEqualTo("file");
        assertThat(backup.parts().bytes(SnapshotBackup.PART_NAME)).isEqualTo(pages);
        assertRestoresTo(backup, engine.fingerprint(DatabaseLocation.of(source.toString()), Progress.NONE));
    }

    @Test
    void progress_is_reported_in_bytes_of_the_file_with_no_pages_copied() throws Exception {
        Path source = Sqlite.execute(directory.resolve("big.db"), "CREATE TABLE blobs(data BLOB)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)"
                        + " INSERT INTO blobs SELECT randomblob(4000) FROM n");
        Map<String, Long> totals = new ConcurrentHashMap<>();
        Progress recording = (activity, total, unit) -> {
            totals.put(activity + " " + unit, total);
            return done -> {
            };
        };

        try (DirectoryScratch scratch = new DirectoryScratch(scratchDirectory)) {
            engine.backup(new BackupJob(DatabaseLocation.of(source.toString()), Map.of(),
                    new InMemoryParts(), scratch, recording));
        }

        assertThat(totals).containsEntry("writing database.sqlite " + ProgressUnit.BYTES, Files.size(source))
                .containsKey("fingerprinting the database " + ProgressUnit.ITEMS)
                .doesNotContainKey("copying pages " + ProgressUnit.PAGES);
    }

    @Test
    void only_a_sqlite_that_can_read_the_log_counters_without_checkpointing_is_asked_for_them() {
        assertThat(WalCheckpointState.reportsWithoutCheckpointing("3.53.4")).isTrue();
        assertThat(WalCheckpointState.reportsWithoutCheckpointing("3.51.0")).isTrue();
        assertThat(WalCheckpointState.reportsWithoutCheckpointing("4.0.0")).isTrue();
        assertThat(WalCheckpointState.reportsWithoutCheckpointing("3.50.4")).isFalse();
        assertThat(WalCheckpointState.reportsWithoutCheckpointing("3.9.2")).isFalse();
        assertThat(WalCheckpointState.reportsWithoutCheckpointing("")).isFalse();
    }

    /** Restores the backup, checks it with the sqlite3 tool and returns where it is. */
    private Path assertRestoresTo(BackedUp backup, Fingerprint expected) throws Exception {
        Path restored = directory.resolve("restored-" + System.nanoTime() + ".db");
        engine.restore(backup.restoreTo(restored, false));
        assertThat(Sqlite.cli(restored, "PRAGMA integrity_check")).isEqualTo("ok");
        assertThat(backup.manifest().fingerprint()).isEqualTo(expected);
        assertThat(engine.fingerprint(DatabaseLocation.of(restored.toString()), Progress.NONE)).isEqualTo(expected);
        return restored;
    }

    private static String[] journalMode(String mode, String... statements) {
        List<String> all = new ArrayList<>(List.of("PRAGMA journal_mode = " + mode));
        all.addAll(List.of(statements));
        return all.toArray(String[]::new);
    }

    private static void insertWithoutWaiting(Path source, String text) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(0);
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + source, config.toProperties());
             Statement statement = writer.createStatement()) {
            statement.execute("INSERT INTO notes(text) VALUES ('" + text + "')");
        }
    }

    private static void cli(Path database, String... commands) {
        try {
            Sqlite.cli(database, commands);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
