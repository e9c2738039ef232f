package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.reliability.ReliabilityTally;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What ConsistencyIT leaves out of a SQLite backup under constant writes: references. Every transfer of
 * {@link MoneyMover} also writes, through a trigger, one ledger row per account it touches, referencing the account;
 * the restored database must pass SQLite's foreign-key check as well as its integrity check, hold the money there
 * always was, and a ledger whose entries sum to nothing, two to a transfer, in both journal modes. (The sum of
 * balances alone, WAL and rollback journal, is ConsistencyIT's; PostgreSQL's is PostgresConsistencyIT's.)
 */
class WritersDuringBackupIT {

    private static final int ACCOUNTS = 500;
    private static final int OPENING_BALANCE = 1_000;
    /** About 40 MB of statements beside the accounts, so that the backup takes a while. */
    private static final int STATEMENTS = 400;

    @TempDir
    Path work;

    @ParameterizedTest(name = "journal mode {0}")
    @ValueSource(strings = {"wal", "delete"})
    void a_backup_under_constant_transfers_restores_to_a_database_whose_references_and_ledger_hold(String journalMode) {
        ReliabilityTally tally = new ReliabilityTally("writers-during-backup-sqlite-references-" + journalMode);
        Path bank = work.resolve("bank.db");
        SqliteDatabases.execute(bank, """
                PRAGMA journal_mode = %1$s;
                CREATE TABLE branch (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
                INSERT INTO branch VALUES (1, 'north'), (2, 'south');
                CREATE TABLE account (id INTEGER PRIMARY KEY, branch_id INTEGER NOT NULL REFERENCES branch(id),
                                      balance INTEGER NOT NULL);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %2$d)
                INSERT INTO account SELECT i, 1 + i %% 2, %3$d FROM n;
                CREATE TABLE ledger (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES account(id),
                                     delta INTEGER NOT NULL);
                CREATE INDEX ledger_by_account ON ledger(account_id);
                CREATE TRIGGER account_moved AFTER UPDATE OF balance ON account BEGIN
                    INSERT INTO ledger (account_id, delta) VALUES (new.id, new.balance - old.balance);
                END;
                CREATE TABLE statement_archive (id INTEGER PRIMARY KEY, account_id INTEGER REFERENCES account(id),
                                                scan BLOB);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %4$d)
                INSERT INTO statement_archive SELECT i, 1 + i %% %2$d, randomblob(100000) FROM n;
                """.formatted(journalMode, ACCOUNTS, OPENING_BALANCE, STATEMENTS));

        LifeboatProcess.Result backup;
        try (ChildJvm mover = ChildJvm.start(MoneyMover.class, bank.toString())) {
            mover.awaitLine("moved");
            backup = LifeboatProcess.run(work, "backup", "bank.db");
            // the mover was still moving when the backup ended, so it moved all along
            mover.awaitLine("moved");
        }
        tally.check("the backup succeeded", () -> assertThat(backup.exitCode()).as(backup.toString()).isZero());
        LifeboatProcess.Result restore = LifeboatProcess.run(work, "restore", "latest", "restored.db");
        tally.check("the restore succeeded", () -> assertThat(restore.exitCode()).as(restore.toString()).isZero());

        Path restored = work.resolve("restored.db");
        tally.check("integrity_check", () ->
                assertThat(SqliteDatabases.sqlite3(restored, "PRAGMA integrity_check").trim()).isEqualTo("ok"));
        tally.check("foreign_key_check", () ->
                assertThat(SqliteDatabases.sqlite3(restored, "PRAGMA foreign_key_check").trim()).isEmpty());
        tally.check("the money there always was", () ->
                assertThat(SqliteDatabases.sqlite3(restored, "SELECT sum(balance), count(*) FROM account").trim())
                        .isEqualTo((long) ACCOUNTS * OPENING_BALANCE + "|" + ACCOUNTS));
        tally.check("a ledger of whole transfers that sums to nothing", () -> {
            String ledger = SqliteDatabases.sqlite3(restored, "SELECT count(*) % 2, sum(delta), count(*) > 0 FROM ledger")
                    .trim();
            assertThat(ledger).isEqualTo("0|0|1");
        });
        tally.check("each balance is its opening balance plus its ledger", () ->
                assertThat(SqliteDatabases.sqlite3(restored, """
                        SELECT count(*) FROM account a
                        WHERE a.balance <> %d + coalesce((SELECT sum(delta) FROM ledger l WHERE l.account_id = a.id), 0)
                        """.formatted(OPENING_BALANCE)).trim()).isEqualTo("0"));
        tally.check("the journal mode kept", () ->
                assertThat(SqliteDatabases.sqlite3(restored, "PRAGMA journal_mode").trim()).isEqualTo(journalMode));
        tally.report();
    }
}
