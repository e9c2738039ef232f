package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL backup with parallel jobs is one snapshot of the whole database: money keeps moving between two
 * tables, one transaction per transfer, during the whole backup, and the restored database holds exactly the
 * money there always was, although each table was copied by its own connection.
 */
class PostgresConsistencyIT {

    private static final int ACCOUNTS = 200_000;
    private static final long OPENING_BALANCE = 1_000;
    private static final long TOTAL = 2L * ACCOUNTS * OPENING_BALANCE;

    @TempDir
    Path work;

    @Test
    void a_parallel_backup_under_constant_transfers_restores_to_the_same_total() throws Exception {
        TestServer server = PostgresServers.newest();
        String bank = server.createDatabase("lb_it_bank");
        server.execute(bank,
                "CREATE TABLE accounts_a (id int PRIMARY KEY, balance bigint NOT NULL, owner text NOT NULL)",
                "CREATE TABLE accounts_b (id int PRIMARY KEY, balance bigint NOT NULL, owner text NOT NULL)",
                "INSERT INTO accounts_a SELECT i, " + OPENING_BALANCE + ", md5(i::text) FROM generate_series(1, " + ACCOUNTS + ") i",
                "INSERT INTO accounts_b SELECT i, " + OPENING_BALANCE + ", md5(i::text) FROM generate_series(1, " + ACCOUNTS + ") i",
                "VACUUM ANALYZE accounts_a",
                "VACUUM ANALYZE accounts_b");

        LifeboatProcess.Result backup;
        long transfersDuringBackup;
        try (Mover mover = new Mover(server, bank)) {
            mover.awaitFirstTransfers();
            long before = mover.transfers();
            backup = LifeboatProcess.run(work, "backup", server.url(bank), "--jobs", "2");
            transfersDuringBackup = mover.transfers() - before;
        }
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        assertThat(transfersDuringBackup).as("transfers committed while the backup ran").isGreaterThan(300);

        String restored = PostgresServers.uniqueName("lb_it_bank_restored");
        LifeboatProcess.Result restore = LifeboatProcess.run(work, "restore", "latest", server.url(restored));
        assertThat(restore.exitCode()).as(restore.toString()).isZero();

        assertThat(PostgresDatabases.queryLong(server, bank,
                "SELECT (SELECT sum(balance) FROM accounts_a) + (SELECT sum(balance) FROM accounts_b)"))
                .as("the live total, a check of the mover itself").isEqualTo(TOTAL);
        assertThat(PostgresDatabases.queryLong(server, restored,
                "SELECT (SELECT sum(balance) FROM accounts_a) + (SELECT sum(balance) FROM accounts_b)"))
                .as("the restored total").isEqualTo(TOTAL);
        assertThat(PostgresDatabases.rowCount(server, restored, "accounts_a")).isEqualTo(ACCOUNTS);
        assertThat(PostgresDatabases.rowCount(server, restored, "accounts_b")).isEqualTo(ACCOUNTS);
        assertThat(PostgresDatabases.queryLong(server, restored,
                "SELECT count(*) FROM accounts_a WHERE balance <> " + OPENING_BALANCE))
                .as("accounts the snapshot shows touched by transfers").isPositive();
    }

    /**
     * Moves random amounts from a random account of accounts_a to a random account of accounts_b, and back, one
     * committed transaction per transfer, on its own connection, until closed.
     */
    private static final class Mover implements AutoCloseable {

        private final AtomicLong transfers = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread;

        Mover(TestServer server, String database) {
            thread = new Thread(() -> {
                try (Connection connection = server.connect(database)) {
                    move(connection);
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "money-mover");
            thread.start();
        }

        private void move(Connection connection) throws SQLException {
            Random random = new Random(7);
            connection.setAutoCommit(false);
            try (PreparedStatement fromA = connection.prepareStatement(
                         "UPDATE accounts_a SET balance = balance - ? WHERE id = ?");
                 PreparedStatement toB = connection.prepareStatement(
                         "UPDATE accounts_b SET balance = balance + ? WHERE id = ?")) {
                while (running.get()) {
                    int amount = random.nextInt(101) - 50;
                    fromA.setLong(1, amount);
                    fromA.setInt(2, 1 + random.nextInt(ACCOUNTS));
                    toB.setLong(1, amount);
                    toB.setInt(2, 1 + random.nextInt(ACCOUNTS));
                    if (fromA.executeUpdate() != 1 || toB.executeUpdate() != 1) {
                        throw new IllegalStateException("an account is missing");
                    }
                    connection.commit();
                    transfers.incrementAndGet();
                }
            }
        }

        void awaitFirstTransfers() throws InterruptedException {
            while (transfers.get() < 10) {
                assertThat(thread.isAlive()).as("the mover runs: " + failure.get()).isTrue();
                Thread.sleep(5);
            }
        }

        long transfers() {
            assertThat(failure.get()).as("the mover's failure").isNull();
            return transfers.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
            assertThat(failure.get()).as("the mover's failure").isNull();
        }
    }
}
