package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #5: SIGTERM and Ctrl-C (SIGINT) halfway through a backup or a restore of either engine stop the run within 2
 * seconds (asserted, see {@link CrashSignal#BOUND}), with exit 130, no partial file left, the
 * repository's lock released, the target as it was, and for PostgreSQL no scratch database left on the server.
 *
 * <p>Each test prints {@code RELIABILITY signal-<engine>-<operation> signals=2 passed=N slowest-stop-ms=T}.
 */
class SignalIT {

    private static final List<String> SIGNALS = List.of("TERM", "INT");

    @TempDir
    Path work;

    @Test
    void sqlite_backups_and_restores_stop_cleanly_on_sigterm_and_sigint() throws Exception {
        Path source = CrashDatabases.sqliteSource(work.resolve("shop.db"));
        CrashDatabases.sqliteTarget(work.resolve("tiny.db"));
        CrashBackup backups = CrashBackup.calibrated(work, "shop.db", "shop", CrashRun::startInterruptible, List::of);
        String archive = backups.repository().archiveFiles().get(0);
        List<String> failures = new ArrayList<>();

        failures.addAll(stopEach("signal-sqlite-backup", backups, backups.halfway(), backups.check(),
                backups.repository(), List::of).failures());

        CrashSqliteRestore restores = new CrashSqliteRestore(work, archive, source,
                CrashDatabases.sqliteTarget(work.resolve("target.db")), CrashRun::startInterruptible);
        restores.calibrate();
        CrashSignal.Tally restoreStops = stopEach("signal-sqlite-restore", restores, restores.halfway(),
                restores.check(), restores.repository(), () -> {
                    List<String> problems = new ArrayList<>();
                    if (!restores.targetIsAsItWas()) {
                        problems.add("the target's bytes changed");
                    }
                    if (!restores.restoreFiles().isEmpty()) {
                        problems.add("left a partial file beside the target: " + restores.restoreFiles());
                    }
                    return problems;
                });

        failures.addAll(restoreStops.failures());
        assertThat(failures).isEmpty();
    }

    /**
     * A restore of an encrypted archive stopped while it decrypts the archive into scratch space: no plaintext copy
     * may outlive it.
     */
    @Test
    void an_encrypted_restore_stops_cleanly_while_decrypting_and_leaves_no_plaintext() throws Exception {
        Path source = CrashDatabases.sqliteSource(work.resolve("shop.db"));
        CrashDatabases.sqliteTarget(work.resolve("tiny.db"));
        CrashDatabases.encryptEveryRun(work);
        CrashBackup backups = CrashBackup.calibrated(work, "shop.db", "shop", CrashRun::startInterruptible, List::of);
        String archive = backups.repository().archiveFiles().get(0);
        assertThat(archive).endsWith(".lifeboat.tar.age");
        CrashSqliteRestore restores = new CrashSqliteRestore(work, archive, source,
                CrashDatabases.sqliteTarget(work.resolve("target.db")), CrashRun::startInterruptible);
        restores.calibrate();
        CrashPoint decrypting = CrashPoint.onFiles("the archive is being decrypted into scratch space", run ->
                restores.repository().temporaryFilesOf(run.pid()).stream().anyMatch(file ->
                        file.getFileName().toString().endsWith("-decrypted") && CrashRepository.sizeOrZero(file) > 0));

        CrashSignal.Tally stops = stopEach("signal-sqlite-encrypted-restore", restores, decrypting, restores.check(),
                restores.repository(), () -> {
                    List<String> problems = new ArrayList<>();
                    if (!restores.targetIsAsItWas()) {
                        problems.add("the target's bytes changed");
                    }
                    if (!restores.repository().temporaryFiles().isEmpty()) {
                        problems.add("left in the repository: " + restores.repository().temporaryFiles());
                    }
                    return problems;
                });

        assertThat(stops.failures()).isEmpty();
    }

    @Test
    void postgres_backups_and_restores_stop_cleanly_on_sigterm_and_sigint() throws Exception {
        TestServer server = PostgresServers.newest();
        String source = CrashDatabases.postgresSource(server);
        CrashDatabases.sqliteTarget(work.resolve("tiny.db"));
        CrashBackup backups = CrashBackup.calibrated(work, server.url(source), source, CrashRun::startInterruptible,
                List::of);
        String archive = backups.repository().archiveFiles().get(0);
        List<String> failures = new ArrayList<>();

        failures.addAll(stopEach("signal-postgres-backup", backups, backups.halfway(), backups.check(),
                backups.repository(), List::of).failures());

        try (CrashServerWatch watch = new CrashServerWatch(server)) {
            CrashPostgresRestore restores = new CrashPostgresRestore(work, server, watch, archive,
                    CrashDatabases.postgresTargetTemplate(server), PostgresDatabases.content(server, source),
                    CrashRun::startInterruptible);
            restores.calibrate();
            CrashSignal.Tally restoreStops = stopEach("signal-postgres-restore", restores, restores.halfway(),
                    restores.check(), restores.repository(), () -> {
                        List<String> problems = new ArrayList<>();
                        if (!restores.targetIsAsItWas()) {
                            problems.add("the target's content changed");
                        }
                        if (watch.exists(restores.scratch())) {
                            problems.add("left the scratch database " + restores.scratch());
                        }
                        if (!restores.replacedDatabases().isEmpty()) {
                            problems.add("renamed the target aside: " + restores.replacedDatabases());
                        }
                        return problems;
                    });
            failures.addAll(restoreStops.failures());
        }

        assertThat(failures).isEmpty();
    }

    private CrashSignal.Tally stopEach(String label, CrashMatrix.Scenario scenario, CrashPoint point,
                                       CrashRepositoryCheck check, CrashRepository repository,
                                       CrashSignal.Check targetCheck) throws Exception {
        List<CrashSignal.Stop> stops = new ArrayList<>();
        for (String signal : SIGNALS) {
            stops.add(CrashSignal.send(signal, work, scenario, point, check, repository, "tiny.db", targetCheck));
        }
        CrashSignal.Tally tally = new CrashSignal.Tally(label, stops);
        tally.print();
        return tally;
    }
}
