package dev.lifeboat.it;

import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;

/**
 * Restores of one archive over a PostgreSQL database that holds other data, with --overwrite and --drop-previous: a
 * safety backup of the target into the repository, then the data loaded into the scratch database
 * {@code <target>_lifeboat_restore}, checked, and swapped in by renames. Killed at points told by the repository's
 * temporary files, the scratch database's size and the statements it runs, and the database the swap renames aside.
 */
final class CrashPostgresRestore implements CrashMatrix.Scenario {

    private final Path work;
    private final TestServer server;
    private final CrashServerWatch watch;
    private final String archive;
    private final String target;
    private final String template;
    private final String scratch;
    private final BiFunction<Path, String[], CrashRun> launcher;
    private final CrashRepository repository;
    private final CrashRepositoryCheck check;
    private final SortedMap<String, String> targetContent;
    private final SortedMap<String, String> backupContent;
    private final long emptyDatabaseBytes;
    private long scratchPeakBytes;
    private int archivesAtStart;
    private Optional<Long> scratchAtStart = Optional.empty();

    /**
     * @param template      a database whose copy the target is, before every run
     * @param backupContent what the archive holds, as {@link PostgresDatabases#content} shows it
     * @param launcher      starts lifeboat: {@link CrashRun#start} or {@link CrashRun#startInterruptible}
     */
    CrashPostgresRestore(Path work, TestServer server, CrashServerWatch watch, String archive, String template,
                         SortedMap<String, String> backupContent, BiFunction<Path, String[], CrashRun> launcher)
            throws SQLException {
        this.work = work;
        this.server = server;
        this.watch = watch;
        this.archive = archive;
        this.template = template;
        this.target = PostgresServers.uniqueName("lb_crash_t");
        this.scratch = target + "_lifeboat_restore";
        this.backupContent = backupContent;
        this.launcher = launcher;
        this.repository = new CrashRepository(work);
        this.check = new CrashRepositoryCheck(repository, "pre-restore");
        this.targetContent = PostgresDatabases.content(server, template);
        this.emptyDatabaseBytes = PostgresDatabases.queryLong(server, "postgres",
                "SELECT pg_database_size('template0')");
        recreateTarget();
    }

    /**
     * Runs a first, complete restore, which shows how large the scratch database grows, checks that it restored the
     * backup, and puts the target back.
     */
    void calibrate() throws Exception {
        prepare();
        long began = System.nanoTime();
        CrashRun first = start();
        long peak = 0;
        while (first.isAlive()) {
            peak = Math.max(peak, watch.size(scratch));
            LockSupport.parkNanos(CrashPoint.QUERY_POLL.toNanos());
        }
        int exit = first.awaitExit();
        if (exit != 0 || peak <= emptyDatabaseBytes) {
            throw new AssertionError("the first restore, which measures the run, failed or was not seen loading: exit "
                    + exit + ", scratch peak " + peak + " bytes\n" + first.stderr());
        }
        if (!PostgresDatabases.content(server, target).equals(backupContent)) {
            throw new AssertionError("the first restore did not restore the backup's content");
        }
        System.out.printf("  a complete restore over %s took %d ms; the scratch database grew to %d bytes%n", target,
                (System.nanoTime() - began) / 1_000_000, peak);
        scratchPeakBytes = peak;
        check.acceptListing();
    }

    String target() {
        return target;
    }

    String scratch() {
        return scratch;
    }

    CrashRepository repository() {
        return repository;
    }

    CrashRepositoryCheck check() {
        return check;
    }

    boolean targetIsAsItWas() throws SQLException {
        return watch.exists(target) && PostgresDatabases.content(server, target).equals(targetContent);
    }

    /**
     * Before anything, on the lock, during and after the safety backup, when the scratch database appears, spread
     * over its size, while indexes are built and while it is checked, and after the swap.
     */
    List<CrashPoint> points() {
        List<CrashPoint> points = new ArrayList<>();
        points.add(CrashPoint.atStart());
        points.add(repository.lockTaken());
        points.add(repository.writing("the safety backup is being written"));
        points.add(repository.committed("the safety backup is committed", () -> archivesAtStart));
        points.add(CrashPoint.onServer("the scratch database exists", run -> newScratch()));
        points.addAll(CrashPoint.spread("the scratch database", emptyDatabaseBytes, scratchPeakBytes,
                CrashMatrix.COARSE_STEP, CrashPoint.QUERY_POLL, run -> newScratch() ? watch.size(scratch) : 0));
        // the check reads the schema from the catalogs in one transaction, then counts each table's rows; of the
        // other statements only ANALYZE's short query for foreign tables names pg_class, and it runs beside the check
        points.add(CrashPoint.onServer("the scratch database is being checked",
                run -> watch.isInTransactionWith(scratch, "%pg_catalog.pg_class%")));
        points.add(CrashPoint.onServer("the target was swapped", run -> !replacedDatabases().isEmpty())
                .finishingFirstAllowed());
        return points;
    }

    /** Halfway through loading the scratch database: where a signal test stops the run. */
    CrashPoint halfway() {
        return CrashPoint.onServer("the scratch database at half its size",
                run -> newScratch() && watch.size(scratch) >= (emptyDatabaseBytes + scratchPeakBytes) / 2);
    }

    @Override
    public void prepare() throws SQLException {
        if (!targetIsAsItWas()) {
            recreateTarget();
        }
        for (String replaced : replacedDatabases()) {
            server.execute("postgres", "DROP DATABASE " + replaced + " WITH (FORCE)");
        }
        archivesAtStart = repository.archiveFiles().size();
        scratchAtStart = watch.oid(scratch);
    }

    @Override
    public CrashRun start() {
        return launcher.apply(work, new String[] {"restore", archive, server.url(target), "--overwrite", "--yes",
                "--drop-previous"});
    }

    @Override
    public List<String> checkAfterKill(CrashRun killed, CrashPoint point) throws SQLException {
        List<String> problems = new ArrayList<>();
        if (!watch.exists(target)) {
            problems.add("the target database " + target + " is gone");
        } else {
            SortedMap<String, String> content = PostgresDatabases.content(server, target);
            if (!content.equals(targetContent) && !content.equals(backupContent)) {
                problems.add("the target holds neither its old content nor the backup's: " + content);
            }
        }
        problems.addAll(check.afterKill(killed));
        return problems;
    }

    @Override
    public List<Path> leftBehind(CrashRun killed) {
        return repository.temporaryFilesOf(killed.pid());
    }

    @Override
    public void afterFinished(CrashRun finished) {
        check.acceptListing();
    }

    @Override
    public List<String> runToTheEnd() throws Exception {
        prepare();
        boolean leftovers = repository.hasLeftovers();
        LifeboatProcess.Result next = LifeboatProcess.run(work, "restore", archive, server.url(target), "--overwrite",
                "--yes", "--drop-previous", "--json");
        if (next.exitCode() != 0) {
            return List.of("the restore after the kills failed: " + next);
        }
        List<String> problems = new ArrayList<>();
        if (!PostgresDatabases.content(server, target).equals(backupContent)) {
            problems.add("the target does not hold the backup's content after the restore that followed the kills");
        }
        if (watch.exists(scratch)) {
            problems.add("the scratch database " + scratch + " is left after a complete restore");
        }
        if (!replacedDatabases().isEmpty()) {
            problems.add("--drop-previous, yet the replaced database is kept: " + replacedDatabases());
        }
        problems.addAll(CrashRepositoryCheck.cleanupReported(leftovers, next, "restore"));
        problems.addAll(check.afterCompleteRun(Json.parse(next.stdout()).get("safetyBackup").get("name").asText()));
        return problems;
    }

    /** Whether the scratch database exists and is not the one a killed run left before this run started. */
    private boolean newScratch() throws SQLException {
        Optional<Long> now = watch.oid(scratch);
        return now.isPresent() && !now.equals(scratchAtStart);
    }

    /** The databases a swap renamed aside: {@code <target>_before_restore_<time>}. */
    List<String> replacedDatabases() throws SQLException {
        return watch.databasesLike(target + "\\_before\\_restore\\_%");
    }

    private void recreateTarget() throws SQLException {
        server.execute("postgres", "DROP DATABASE IF EXISTS " + target + " WITH (FORCE)",
                "CREATE DATABASE " + target + " TEMPLATE " + template);
    }

    @Override
    public String toString() {
        return "restores over " + target;
    }
}
