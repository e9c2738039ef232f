package dev.lifeboat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.spi.TargetState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A target that someone is using is never replaced under them. */
class InUseTest {

    private final SqliteEngine engine = new SqliteEngine();

    @TempDir
    Path directory;

    @ParameterizedTest(name = "journal mode {0}")
    @ValueSource(strings = {"WAL", "DELETE"})
    void a_target_held_open_by_another_process_is_locked_until_it_exits(String journalMode) throws Exception {
        BackedUp backup = BackedUp.of(Sqlite.execute(directory.resolve("source.db"),
                "CREATE TABLE t(x)", "INSERT INTO t VALUES ('from the backup')"), directory);
        Path target = Sqlite.execute(directory.resolve("target.db"), "PRAGMA journal_mode = " + journalMode,
                "CREATE TABLE t(x)", "INSERT INTO t VALUES ('in use')");
        String before = Sqlite.sha256(target);

        // the sqlite3 tool, idle after one query: it holds the file open (and, in WAL mode, a shared lock)
        Process holder = new ProcessBuilder("sqlite3", "-batch", target.toString()).redirectErrorStream(true).start();
        Writer commands = new OutputStreamWriter(holder.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        try {
            commands.write("SELECT x FROM t;\n");
            commands.flush();
            assertThat(output.readLine()).isEqualTo("in use");

            assertThatThrownBy(() -> engine.probeTarget(DatabaseLocation.of(target.toString())))
                    .isInstanceOf(LockedException.class)
                    .hasMessageContaining("in use by another process (pid " + holder.pid() + ", sqlite3)");
            assertThatThrownBy(() -> engine.restore(backup.restoreTo(target, true)))
                    .isInstanceOf(LockedException.class);
            assertThat(Sqlite.sha256(target)).isEqualTo(before);
            assertThat(Sqlite.names(directory)).noneMatch(name -> name.contains("lifeboat-restore"));
        } finally {
            commands.close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        engine.restore(backup.restoreTo(target, true));
        assertThat(Sqlite.cli(target, "SELECT x FROM t")).isEqualTo("from the backup");
    }

    @ParameterizedTest(name = "journal mode {0}")
    @ValueSource(strings = {"WAL", "DELETE"})
    void a_target_read_by_a_connection_of_this_process_is_not_replaced(String journalMode) throws Exception {
        BackedUp backup = BackedUp.of(Sqlite.execute(directory.resolve("source.db"),
                "CREATE TABLE t(x)", "INSERT INTO t VALUES ('from the backup')"), Files.createDirectory(
                directory.resolve("scratch")));
        Path target = Sqlite.execute(directory.resolve("target.db"), "PRAGMA journal_mode = " + journalMode,
                "CREATE TABLE t(x)", "INSERT INTO t VALUES ('in use')");
        try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + target);
             Statement statement = reader.createStatement()) {
            reader.setAutoCommit(false);
            try (ResultSet rows = statement.executeQuery("SELECT x FROM t")) {
                rows.next();
            }
            String before = Sqlite.sha256(target);
            // a reader holds no lock that can be seen without taking one: the probe, which only reads, lets it be
            assertThat(engine.probeTarget(DatabaseLocation.of(target.toString()))).isEqualTo(TargetState.OCCUPIED);

            assertThatThrownBy(() -> engine.restore(backup.restoreTo(target, true)))
                    .isInstanceOf(LockedException.class)
                    .hasMessageContaining("in use by another connection");

            assertThat(Sqlite.sha256(target)).isEqualTo(before);
            assertThat(Sqlite.names(directory)).noneMatch(name -> name.contains("lifeboat-restore"));
            reader.rollback();
        }
        engine.restore(backup.restoreTo(target, true));
        assertThat(Sqlite.cli(target, "SELECT x FROM t")).isEqualTo("from the backup");
    }

    @Test
    void a_connection_writing_the_target_makes_the_probe_report_it_in_use() throws Exception {
        Path target = Sqlite.execute(directory.resolve("target.db"), "CREATE TABLE t(x)", "INSERT INTO t VALUES (1)");
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + target);
             Statement statement = writer.createStatement()) {
            // an exclusive transaction holds the lock a commit takes, which keeps every reader out
            statement.execute("BEGIN EXCLUSIVE");
            statement.execute("INSERT INTO t VALUES (2)");

            assertThatThrownBy(() -> engine.probeTarget(DatabaseLocation.of(target.toString())))
                    .isInstanceOf(LockedException.class).hasMessageContaining("which is writing to it");
            statement.execute("COMMIT");
        }
        assertThat(engine.probeTarget(DatabaseLocation.of(target.toString()))).isEqualTo(TargetState.OCCUPIED);
    }

    @ParameterizedTest(name = "journal mode {0}")
    @ValueSource(strings = {"WAL", "DELETE"})
    void probing_a_free_target_leaves_its_data_as_it_was(String journalMode) throws Exception {
        Path target = Sqlite.execute(directory.resolve("target.db"), "PRAGMA journal_mode = " + journalMode,
                "CREATE TABLE t(x)", "INSERT INTO t VALUES (1)");
        String before = Sqlite.sha256(target);

        assertThat(engine.probeTarget(DatabaseLocation.of(target.toString()))).isEqualTo(TargetState.OCCUPIED);

        assertThat(Sqlite.sha256(target)).isEqualTo(before);
        assertThat(Sqlite.names(directory)).containsExactly("target.db");
    }
}
