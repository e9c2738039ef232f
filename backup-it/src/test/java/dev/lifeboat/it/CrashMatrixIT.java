package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #5, crash matrix: backups and restores of both engines killed with SIGKILL at 20 and more points spread over
 * the run, each point told by how far the run has come, never by time. After every kill the repository lists what
 * it listed before (or one more complete archive, when the kill came after the commit) and nothing unreadable; the
 * target holds exactly what it held, or exactly the backup's content when the kill came after the swap; and the next
 * run removes what the killed ones left and succeeds.
 *
 * <p>Each test prints {@code RELIABILITY crash-<engine>-<operation> kills=N passed=M}. With
 * {@code -Dlifeboat.reliability.long=true} the points are twice as dense and a complete run follows every kill.
 */
class CrashMatrixIT {

    @TempDir
    Path work;

    @Test
    void sqlite_backups_killed_anywhere_leave_the_repository_and_the_source_as_they_were() throws Exception {
        sqliteBackupsKilledAnywhere("crash-sqlite-backup", false);
    }

    @Test
    void sqlite_restores_killed_anywhere_leave_the_target_as_it_was_or_as_the_backup() throws Exception {
        sqliteRestoresKilledAnywhere("crash-sqlite-restore", false);
    }

    /** As above, every run encrypting to a key (lifeboat.toml in the working directory names it and its identity). */
    @Test
    void encrypted_sqlite_backups_killed_anywhere_leave_the_repository_and_the_source_as_they_were() throws Exception {
        sqliteBackupsKilledAnywhere("crash-sqlite-encrypted-backup", true);
    }

    /**
     * Restores of an encrypted archive, killed anywhere, also while it is decrypted into scratch space: the target
     * holds what it held or the backup's rows, and no decrypted copy outlives the next run.
     */
    @Test
    void encrypted_sqlite_restores_killed_anywhere_leave_the_target_as_it_was_or_as_the_backup() throws Exception {
        sqliteRestoresKilledAnywhere("crash-sqlite-encrypted-restore", true);
    }

    private void sqliteBackupsKilledAnywhere(String matrix, boolean encrypted) throws Exception {
        Path source = CrashDatabases.sqliteSource(work.resolve("shop.db"));
        if (encrypted) {
            CrashDatabases.encryptEveryRun(work);
        }
        String sourceHash = DirectorySnapshot.sha256(source);
        CrashBackup backups = CrashBackup.calibrated(work, "shop.db", "shop", CrashRun::start, () ->
                DirectorySnapshot.sha256(source).equals(sourceHash) ? List.of()
                        : List.of("the source database's bytes changed"));
        if (encrypted) {
            assertThat(backups.repository().archiveFiles()).singleElement().asString().endsWith(".lifeboat.tar.age");
        }

        CrashMatrix.Tally tally = CrashMatrix.run(matrix, backups.points(), backups);

        tally.print();
        tally.assertAllPassed();
    }

    private void sqliteRestoresKilledAnywhere(String matrix, boolean encrypted) throws Exception {
        Path source = CrashDatabases.sqliteSource(work.resolve("shop.db"));
        if (encrypted) {
            CrashDatabases.encryptEveryRun(work);
        }
        String archive = backUp("shop.db");
        if (encrypted) {
            assertThat(archive).endsWith(".lifeboat.tar.age");
        }
        CrashSqliteRestore restores = new CrashSqliteRestore(work, archive, source,
                CrashDatabases.sqliteTarget(work.resolve("target.db")), CrashRun::start);
        restores.calibrate();

        CrashMatrix.Tally tally = CrashMatrix.run(matrix, restores.points(), restores);

        tally.print();
        tally.assertAllPassed();
    }

    @Test
    void postgres_backups_killed_anywhere_leave_the_repository_as_it_was() throws Exception {
        TestServer server = PostgresServers.newest();
        String source = CrashDatabases.postgresSource(server);
        CrashBackup backups = CrashBackup.calibrated(work, server.url(source), source, CrashRun::start, List::of);

        CrashMatrix.Tally tally = CrashMatrix.run("crash-postgres-backup", backups.points(), backups);

        tally.print();
        tally.assertAllPassed();
    }

    @Test
    void postgres_restores_killed_anywhere_leave_the_target_as_it_was_or_as_the_backup() throws Exception {
        TestServer server = PostgresServers.newest();
        String source = CrashDatabases.postgresSource(server);
        String archive = backUp(server.url(source));
        try (CrashServerWatch watch = new CrashServerWatch(server)) {
            CrashPostgresRestore restores = new CrashPostgresRestore(work, server, watch, archive,
                    CrashDatabases.postgresTargetTemplate(server), PostgresDatabases.content(server, source),
                    CrashRun::start);
            restores.calibrate();

            CrashMatrix.Tally tally = CrashMatrix.run("crash-postgres-restore", restores.points(), restores);

            tally.print();
            tally.assertAllPassed();
        }
    }

    private String backUp(String source) {
        LifeboatProcess.Result backup = LifeboatProcess.run(work, "backup", source, "--json");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        return Json.parse(backup.stdout()).get("archive").get("name").asText();
    }
}
