package dev.lifeboat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.error.RefusedException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.spi.PartSource;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RestoreJob;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What others write to a target while it is being restored over is never lost: a restore that replaces a target's
 * data replaces exactly the data that was saved before, or nothing.
 */
class WritesDuringRestoreTest {

    private static final long WAIT_FOR_WRITER_MS = 60_000;

    private final SqliteEngine engine = new SqliteEngine();

    @TempDir
    Path directory;

    private Path scratch;
    private BackedUp backup;

    @BeforeEach
    void takeBackup() throws Exception {
        scratch = Files.createDirectory(directory.resolve("scratch"));
        backup = BackedUp.of(Sqlite.execute(scratch.resolve("source.db"), "CREATE TABLE log(n INTEGER PRIMARY KEY)",
                "INSERT INTO log VALUES (-1), (-2)"), scratch);
    }

    @ParameterizedTest(name = "journal mode {0}")
    @ValueSource(strings = {"WAL", "DELETE"})
    void a_write_made_during_the_restore_stops_it_and_stays_in_the_target(String journalMode) throws Exception {
        Path target = target(journalMode, "INSERT INTO log VALUES (1), (2)");
        BackedUp safety = BackedUp.of(target, scratch);
        // another process writes, and is gone again, while the restore is busy writing its new file
        PartSource writingMeanwhile = during(backup.parts(), () -> Sqlite.cli(target, "INSERT INTO log VALUES (3)"));

        assertThatThrownBy(() -> engine.restore(new RestoreJob(backup.manifest(), writingMeanwhile,
                DatabaseLocation.of(target.toString()), true, Optional.of(safety.result().fingerprint()), Map.of(),
                Progress.NONE)))
                .isInstanceOf(LockedException.class)
                .hasMessageContaining(target + " changed after its current data was backed up")
                .hasMessageContaining("table log: expected 2 rows, found 3")
                .hasMessageContaining("nothing was replaced");

        assertThat(Sqlite.cli(target, "SELECT group_concat(n) FROM log")).isEqualTo("1,2,3");
        assertThat(Sqlite.names(directory)).containsExactly("scratch", "target.db");

        // with the writer stopped, a new safety backup holds the write, and the restore goes ahead
        BackedUp saved = BackedUp.of(target, scratch);
        engine.restore(backup.restoreOver(target, saved.result().fingerprint()));
        assertThat(Sqlite.cli(target, "SELECT group_concat(n) FROM log")).isEqualTo("-2,-1");
        Path savedCopy = scratch.resolve("saved.db");
        engine.restore(saved.restoreTo(savedCopy, false));
        assertThat(Sqlite.cli(savedCopy, "SELECT group_concat(n) FROM log")).isEqualTo("1,2,3");
    }

    /** The reviewer's case: restore --overwrite while a shell loop inserts rows with the sqlite3 tool. */
    @ParameterizedTest(name = "journal mode {0}")
    @ValueSource(strings = {"WAL", "DELETE"})
    void rows_inserted_by_another_process_during_the_restore_are_all_kept(String journalMode) throws Exception {
        Path target = target(journalMode);
        Path stop = directory.resolve("stop");
        // each insert is its own sqlite3 process, as a script would run it, with pauses in which no process has the
        // file open; it prints what it committed
        Process writer = new ProcessBuilder("sh", "-c", "i=0; while [ ! -e \"$2\" ]; do i=$((i+1));"
                + " sqlite3 -cmd '.timeout 10000' \"$1\" \"INSERT INTO log VALUES ($i)\" && echo $i; sleep 0.02; done",
                "writer", target.toString(), stop.toString())
                .redirectError(directory.resolve("writer-errors.txt").toFile()).start();
        List<Long> committed;
        try {
            awaitRows(target, 3);
            BackedUp safety = BackedUp.of(target, scratch);
            long saved = safety.result().fingerprint().totalRows();
            // rows written after the safety backup and before the restore looks at the target
            awaitRows(target, saved + 2);

            assertThatThrownBy(() -> engine.restore(backup.restoreOver(target, safety.result().fingerprint())))
                    .isInstanceOf(LockedException.class)
                    .hasMessageContaining(target.toString())
                    .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("changed after its current data",
                            "is in use by another"));
        } finally {
            Files.createFile(stop);
            committed = committedValues(writer);
        }

        assertThat(committed).isNotEmpty();
        assertThat(Sqlite.query(target, "SELECT n FROM log ORDER BY n").stream().map(Long::valueOf).toList())
                .as("every row the writer committed, and nothing else, is in the target")
                .containsExactlyElementsOf(committed);
        assertThat(Sqlite.names(directory)).noneMatch(name -> name.contains("lifeboat-restore"));
    }

    @Test
    void a_connection_left_open_on_the_replaced_file_fails_instead_of_writing_into_it() throws Exception {
        Path target = target("DELETE", "INSERT INTO log VALUES (1)");
        Fingerprint saved = engine.fingerprint(DatabaseLocation.of(target.toString()), Progress.NONE);
        try (Connection idle = DriverManager.getConnection("jdbc:sqlite:" + target);
             Statement statement = idle.createStatement()) {
            // open, between transactions: a rollback-journal connection then holds no lock at all
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM log")) {
                assertThat(rows.next()).isTrue();
            }

            engine.restore(backup.restoreOver(target, saved));

            assertThatThrownBy(() -> statement.execute("INSERT INTO log VALUES (2)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("not a database");
        }
        assertThat(Sqlite.cli(target, "SELECT group_concat(n) FROM log")).isEqualTo("-2,-1");
        assertThat(Sqlite.cli(target, "PRAGMA integrity_check")).isEqualTo("ok");
    }

    @Test
    void a_database_that_appears_at_an_absent_target_during_the_restore_is_left_whole() throws Exception {
        Path target = directory.resolve("target.db");
        List<Connection> appearing = new ArrayList<>();
        // someone creates the database meanwhile and keeps it open, its commits still only in its log
        PartSource creating = during(backup.parts(), () -> {
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + target);
            appearing.add(connection);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode = WAL");
                statement.execute("PRAGMA wal_autocheckpoint = 0");
                statement.execute("CREATE TABLE mine(x)");
                statement.execute("INSERT INTO mine VALUES ('new data')");
            }
        });
        try {
            assertThatThrownBy(() -> engine.restore(new RestoreJob(backup.manifest(), creating,
                    DatabaseLocation.of(target.toString()), false, Optional.empty(), Map.of(), Progress.NONE)))
                    .isInstanceOf(LockedException.class).hasMessageContaining("appeared while the restore");

            assertThat(Files.size(Path.of(target + "-wal"))).as("its log").isPositive();
            assertThat(Sqlite.names(directory)).noneMatch(name -> name.contains("lifeboat-restore"));
        } finally {
            for (Connection connection : appearing) {
                connection.close();
            }
        }
        assertThat(Sqlite.cli(target, "SELECT x FROM mine")).isEqualTo("new data");
    }

    @Test
    void tables_created_in_an_empty_target_during_the_restore_are_not_replaced_without_overwrite() throws Exception {
        Path target = Files.createFile(directory.resolve("target.db"));
        PartSource filling = during(backup.parts(), () -> Sqlite.execute(target, "CREATE TABLE mine(x)",
                "INSERT INTO mine VALUES ('new data')"));

        assertThatThrownBy(() -> engine.restore(new RestoreJob(backup.manifest(), filling,
                DatabaseLocation.of(target.toString()), false, Optional.empty(), Map.of(), Progress.NONE)))
                .isInstanceOf(RefusedException.class).hasMessageContaining("--overwrite");

        assertThat(Sqlite.cli(target, "SELECT x FROM mine")).isEqualTo("new data");
        assertThat(Sqlite.names(directory)).containsExactly("scratch", "target.db");
    }

    @Test
    void a_target_removed_after_its_data_was_saved_is_not_recreated() throws Exception {
        Path target = target("DELETE", "INSERT INTO log VALUES (1)");
        Fingerprint saved = engine.fingerprint(DatabaseLocation.of(target.toString()), Progress.NONE);
        Files.delete(target);

        assertThatThrownBy(() -> engine.restore(backup.restoreOver(target, saved)))
                .isInstanceOf(LockedException.class).hasMessageContaining("changed after its current data");
        assertThat(target).doesNotExist();
    }

    private Path target(String journalMode, String... statements) throws SQLException {
        Path target = Sqlite.execute(directory.resolve("target.db"), "PRAGMA journal_mode = " + journalMode,
                "CREATE TABLE log(n INTEGER PRIMARY KEY)");
        return Sqlite.execute(target, statements);
    }

    private static void awaitRows(Path target, long atLeast) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_FOR_WRITER_MS;
        while (Long.parseLong(Sqlite.query(target, "SELECT count(*) FROM log").get(0)) < atLeast) {
            assertThat(System.currentTimeMillis()).as("the writing process makes progress").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static List<Long> committedValues(Process writer) throws Exception {
        String output;
        try (InputStream in = writer.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(writer.waitFor(60, TimeUnit.SECONDS)).as("the writer stopped").isTrue();
        List<Long> values = new ArrayList<>();
        output.lines().map(String::strip).filter(line -> !line.isEmpty()).map(Long::valueOf).forEach(values::add);
        return values;
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    /** Parts that run an action the first time one is opened: something done to the target during the restore. */
    private static PartSource during(PartSource parts, Action action) {
        Set<String> opened = new HashSet<>();
        return new PartSource() {
            @Override
            public List<PartInfo> parts() {
                return parts.parts();
            }

            @Override
            public InputStream open(String partName) {
                if (opened.isEmpty()) {
                    try {
                        action.run();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                opened.add(partName);
                return parts.open(partName);
            }
        };
    }
}
