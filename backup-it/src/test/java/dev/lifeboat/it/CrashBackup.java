package dev.lifeboat.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;

/**
 * Backups of one database (a SQLite file or a PostgreSQL URL) into one repository, killed at points told by the
 * repository's lock and temporary files, and by the bytes the run has written (to its snapshot copy, spool files and
 * the archive) against what a complete run writes.
 */
final class CrashBackup implements CrashMatrix.Scenario {

    /** What else must hold after a kill, such as the source database being untouched; empty when it does. */
    @FunctionalInterface
    interface SourceCheck {
        List<String> problems() throws Exception;
    }

    private final Path work;
    private final String source;
    private final String databaseName;
    private final BiFunction<Path, String[], CrashRun> launcher;
    private final SourceCheck sourceCheck;
    private final CrashRepository repository;
    private final CrashRepositoryCheck check;
    private final long bytesWritten;
    private int archivesAtStart;

    private CrashBackup(Path work, String source, String databaseName, BiFunction<Path, String[], CrashRun> launcher,
                        SourceCheck sourceCheck, long bytesWritten) {
        this.work = work;
        this.source = source;
        this.databaseName = databaseName;
        this.launcher = launcher;
        this.sourceCheck = sourceCheck;
        this.repository = new CrashRepository(work);
        this.check = new CrashRepositoryCheck(repository, databaseName);
        this.bytesWritten = bytesWritten;
    }

    /**
     * Runs a first, complete backup, measuring how many bytes it writes, and returns the scenario of the backups that
     * follow it.
     *
     * @param launcher starts lifeboat: {@link CrashRun#start} or {@link CrashRun#startInterruptible}
     */
    static CrashBackup calibrated(Path work, String source, String databaseName,
                                  BiFunction<Path, String[], CrashRun> launcher, SourceCheck sourceCheck) {
        long began = System.nanoTime();
        CrashRun first = launcher.apply(work, new String[] {"backup", source});
        long written = 0;
        while (first.isAlive()) {
            written = Math.max(written, first.bytesWritten());
            LockSupport.parkNanos(CrashPoint.FILE_POLL.toNanos());
        }
        int exit = first.awaitExit();
        if (exit != 0 || written == 0) {
            throw new AssertionError("the first backup, which measures the run, failed or was not seen writing: exit "
                    + exit + ", " + written + " bytes written\n" + first.stderr());
        }
        System.out.printf("  a complete backup of %s took %d ms and wrote %d bytes%n", databaseName,
                (System.nanoTime() - began) / 1_000_000, written);
        return new CrashBackup(work, source, databaseName, launcher, sourceCheck, written);
    }

    CrashRepository repository() {
        return repository;
    }

    CrashRepositoryCheck check() {
        return check;
    }

    /** Before anything, on the lock, on the first temporary file, spread over the bytes written, after the commit. */
    List<CrashPoint> points() {
        List<CrashPoint> points = new ArrayList<>();
        points.add(CrashPoint.atStart());
        points.add(repository.lockTaken());
        points.add(repository.writing("the run's first temporary file exists"));
        points.addAll(CrashPoint.spread("the bytes a complete run writes", 0, bytesWritten, CrashMatrix.STEP,
                CrashPoint.FILE_POLL, CrashRun::bytesWritten));
        points.add(repository.committed("the archive is committed", () -> archivesAtStart).finishingFirstAllowed());
        return points;
    }

    /** Halfway through writing: where a signal test stops the run. */
    CrashPoint halfway() {
        return CrashPoint.onFiles("half the bytes a complete run writes",
                run -> run.bytesWritten() >= bytesWritten / 2);
    }

    @Override
    public void prepare() {
        archivesAtStart = repository.archiveFiles().size();
    }

    @Override
    public CrashRun start() {
        return launcher.apply(work, new String[] {"backup", source});
    }

    @Override
    public List<String> checkAfterKill(CrashRun killed, CrashPoint point) throws Exception {
        List<String> problems = new ArrayList<>(check.afterKill(killed));
        problems.addAll(sourceCheck.problems());
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
        boolean leftovers = repository.hasLeftovers();
        LifeboatProcess.Result next = LifeboatProcess.run(work, "backup", source, "--json");
        if (next.exitCode() != 0) {
            return List.of("the backup after the kills failed: " + next);
        }
        List<String> problems = new ArrayList<>();
        problems.addAll(CrashRepositoryCheck.cleanupReported(leftovers, next, "backup"));
        problems.addAll(check.afterCompleteRun(Json.parse(next.stdout()).get("archive").get("name").asText()));
        problems.addAll(sourceCheck.problems());
        return problems;
    }

    @Override
    public String toString() {
        return "backups of " + databaseName;
    }
}
