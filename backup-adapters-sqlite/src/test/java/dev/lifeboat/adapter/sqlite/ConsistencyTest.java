package dev.lifeboat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.spi.Progress;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A backup taken while another process keeps writing is one consistent moment: money moves between accounts in
 * transactions, so every consistent snapshot has the same total. Both ways of taking the snapshot are held to it.
 */
class ConsistencyTest {

    private static final int ACCOUNTS = 100;
    private static final long TOTAL = ACCOUNTS * 1000L;
    private static final long WAIT_FOR_WRITER_MS = 60_000;

    private final SqliteEngine engine = new SqliteEngine();

    @TempDir
    Path directory;

    static Stream<Arguments> modesAndRoutes() {
        return Stream.of(
                // under steady writes the log is never all in the file, so the backup API takes the snapshot
                Arguments.of("WAL", SnapshotBackup.Route.FILE_WHEN_PROVEN, Set.of("file", "backup-api")),
                // a reader's lock keeps every writer out of the file: it is always the snapshot
                Arguments.of("DELETE", SnapshotBackup.Route.FILE_WHEN_PROVEN, Set.of("file")),
                Arguments.of("WAL", SnapshotBackup.Route.BACKUP_API_ONLY, Set.of("backup-api")),
                Arguments.of("DELETE", SnapshotBackup.Route.BACKUP_API_ONLY, Set.of("backup-api")));
    }

    @ParameterizedTest(name = "journal mode {0}, {1}")
    @MethodSource("modesAndRoutes")
    void a_backup_under_a_writing_process_is_consistent(String journalMode, SnapshotBackup.Route route,
                                                        Set<String> snapshotMethods) throws Exception {
        Path source = Sqlite.execute(directory.resolve("bank.db"),
                "PRAGMA journal_mode = " + journalMode,
                "CREATE TABLE accounts(id INTEGER PRIMARY KEY, balance INTEGER NOT NULL)",
                "CREATE TABLE moves(n INTEGER NOT NULL)",
                "CREATE TABLE filler(id INTEGER PRIMARY KEY, data BLOB)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + ACCOUNTS + ")"
                        + " INSERT INTO accounts SELECT i, 1000 FROM n",
                "INSERT INTO moves VALUES (0)",
                // some 16 MB, so the copy takes many steps while the writer changes pages all over the file
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)"
                        + " INSERT INTO filler SELECT i, randomblob(4000) FROM n");

        Process writer = new ProcessBuilder("sqlite3", "-batch", source.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(directory.resolve("writer-errors.txt").toFile()).start();
        AtomicBoolean stop = new AtomicBoolean();
        Thread feeder = new Thread(() -> feed(writer, stop), "money mover");
        feeder.start();
        try {
            awaitMoves(source, 1);

            BackedUp backup = BackedUp.of(source, directory, route, PinnedSnapshot.Observer.NONE);
            Path restored = directory.resolve("restored.db");
            engine.restore(backup.restoreTo(restored, false));

            assertThat(backup.snapshotMethod()).isIn(snapshotMethods);
            assertThat(Sqlite.cli(restored, "PRAGMA integrity_check")).isEqualTo("ok");
            assertThat(engine.fingerprint(DatabaseLocation.of(restored.toString()), Progress.NONE))
                    .isEqualTo(backup.manifest().fingerprint());
            assertThat(Sqlite.cli(restored, "SELECT sum(balance) FROM accounts")).isEqualTo(Long.toString(TOTAL));
            long movesInBackup = Long.parseLong(Sqlite.cli(restored, "SELECT n FROM moves"));
            assertThat(movesInBackup).as("the writer was at work before the backup").isPositive();
            // the writer carries on after the backup: it was running all along, not done before the backup began
            awaitMoves(source, movesInBackup + 1);
        } finally {
            stop.set(true);
            feeder.join();
            assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Sqlite.query(source, "SELECT sum(balance) FROM accounts")).containsExactly(Long.toString(TOTAL));
    }

    private static void feed(Process writer, AtomicBoolean stop) {
        Random random = new Random(42);
        try (Writer in = new OutputStreamWriter(writer.getOutputStream(), StandardCharsets.UTF_8)) {
            in.write(".timeout 60000\nPRAGMA synchronous = OFF;\n");
            while (!stop.get()) {
                int from = 1 + random.nextInt(ACCOUNTS);
                int to = 1 + random.nextInt(ACCOUNTS);
                in.write("BEGIN IMMEDIATE;"
                        + " UPDATE accounts SET balance = balance - 7 WHERE id = " + from + ";"
                        + " UPDATE filler SET data = randomblob(4000) WHERE id = " + (1 + random.nextInt(4000)) + ";"
                        + " UPDATE accounts SET balance = balance + 7 WHERE id = " + to + ";"
                        + " UPDATE moves SET n = n + 1; COMMIT;\n");
                in.flush();
            }
        } catch (IOException e) {
            // the writer died; the test's assertions say what went wrong
        }
    }

    private static void awaitMoves(Path source, long atLeast) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_FOR_WRITER_MS;
        while (Long.parseLong(Sqlite.query(source, "SELECT n FROM moves").get(0)) < atLeast) {
            assertThat(System.currentTimeMillis()).as("the writing process makes progress").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
