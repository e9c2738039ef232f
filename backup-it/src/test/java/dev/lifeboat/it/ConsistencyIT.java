package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A backup is one consistent snapshot even while another process keeps writing: money moves between accounts
 * during the whole backup, and the restored database still holds exactly the money there always was.
 */
class ConsistencyIT {

    private static final int ACCOUNTS = 1_000;
    private static final int OPENING_BALANCE = 1_000;

    @TempDir
    Path work;

    @ParameterizedTest(name = "journal mode {0}")
    @ValueSource(strings = {"wal", "delete"})
    void a_backup_under_constant_writes_restores_to_a_consistent_database(String journalMode) {
        Path bank = work.resolve("bank.db");
        SqliteDatabases.execute(bank, """
                PRAGMA journal_mode = %s;
                CREATE TABLE account (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
                INSERT INTO account SELECT i, %d FROM n;
                CREATE TABLE statement_archive (id INTEGER PRIMARY KEY, scan BLOB);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 800)
                INSERT INTO statement_archive SELECT i, randomblob(100000) FROM n;
                """.formatted(journalMode, ACCOUNTS, OPENING_BALANCE));

        LifeboatProcess.Result backup;
        try (ChildJvm mover = ChildJvm.start(MoneyMover.class, bank.toString())) {
            mover.awaitLine("moving");
            mover.awaitLine("moved");
            backup = LifeboatProcess.run(work, "backup", "bank.db");
            mover.awaitLine("moved");
        }
        assertThat(backup.exitCode()).as(backup.toString()).isZero();

        LifeboatProcess.Result restore = LifeboatProcess.run(work, "restore", "latest", "restored.db");
        assertThat(restore.exitCode()).as(restore.toString()).isZero();

        Path restored = work.resolve("restored.db");
        assertThat(SqliteDatabases.sqlite3(restored, "PRAGMA integrity_check").trim()).isEqualTo("ok");
        assertThat(SqliteDatabases.sqlite3(restored, "SELECT sum(balance), count(*) FROM account").trim())
                .isEqualTo((long) ACCOUNTS * OPENING_BALANCE + "|" + ACCOUNTS);
        assertThat(SqliteDatabases.sqlite3(restored, "PRAGMA journal_mode").trim()).isEqualTo(journalMode);
    }
}
