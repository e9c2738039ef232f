package dev.lifeboat.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Restores of one archive over a SQLite file that holds other data, with --overwrite: a safety backup of the target
 * into the repository, then the database written to a temporary file beside the target, checked, and renamed over
 * it. Killed at points told by the repository's temporary files, then by the size of the file beside the target.
 */
final class CrashSqliteRestore implements CrashMatrix.Scenario {

    private static final List<String> COMPANIONS = List.of("-journal", "-wal", "-shm");

    private final Path work;
    private final String archive;
    private final Path source;
    private final Path target;
    private final Path pristine;
    private final String targetHash;
    private final BiFunction<Path, String[], CrashRun> launcher;
    private final CrashRepository repository;
    private final CrashRepositoryCheck check;
    private String restoredHash = "";
    private long restoredSize;
    private int archivesAtStart;
    private List<Path> leftoversAtStart = List.of();
    private Object targetAtStart;

    /**
     * @param source   the database the archive was taken from, to check that a restore gives back its rows
     * @param target   the file restored over, holding other data than the archive; its bytes are kept aside
     * @param launcher starts lifeboat: {@link CrashRun#start} or {@link CrashRun#startInterruptible}
     */
    CrashSqliteRestore(Path work, String archive, Path source, Path target,
                       BiFunction<Path, String[], CrashRun> launcher) throws IOException {
        this.work = work;
        this.archive = archive;
        this.source = source;
        this.target = target;
        this.launcher = launcher;
        this.pristine = Files.createDirectories(work.resolve("pristine")).resolve(target.getFileName());
        Files.copy(target, pristine, StandardCopyOption.REPLACE_EXISTING);
        this.targetHash = DirectorySnapshot.sha256(target);
        this.repository = new CrashRepository(work);
        this.check = new CrashRepositoryCheck(repository, "pre-restore");
    }

    /**
     * Runs a first, complete restore, which shows what the target holds after a restore (the source's rows, checked)
     * and how large the file written beside it grows. The next {@link #prepare()} puts the target back.
     */
    void calibrate() throws Exception {
        prepare();
        long began = System.nanoTime();
        CrashRun first = start();
        long peak = 0;
        while (first.isAlive()) {
            peak = Math.max(peak, newRestoreFileBytes());
            LockSupport.parkNanos(CrashPoint.FILE_POLL.toNanos());
        }
        int exit = first.awaitExit();
        if (exit != 0 || peak == 0) {
            throw new AssertionError("the first restore, which measures the run, failed or was not seen writing: exit "
                    + exit + ", peak " + peak + " bytes\n" + first.stderr());
        }
        System.out.printf("  a complete restore over %s took %d ms; the file beside it grew to %d bytes%n",
                target.getFileName(), (System.nanoTime() - began) / 1_000_000, peak);
        if (!CrashDatabases.sqliteRows(target).equals(CrashDatabases.sqliteRows(source))) {
            throw new AssertionError("the first restore did not give back the source's rows");
        }
        restoredHash = DirectorySnapshot.sha256(target);
        restoredSize = Files.size(target);
        check.acceptListing();
    }

    Path target() {
        return target;
    }

    CrashRepository repository() {
        return repository;
    }

    CrashRepositoryCheck check() {
        return check;
    }

    boolean targetIsAsItWas() {
        return DirectorySnapshot.sha256(target).equals(targetHash);
    }

    /**
     * Before anything, on the lock, during and after the safety backup, spread over the file beside the target, once
     * it is complete (the checks run), and after the rename.
     */
    List<CrashPoint> points() {
        List<CrashPoint> points = new ArrayList<>();
        points.add(CrashPoint.atStart());
        points.add(repository.lockTaken());
        points.add(repository.writing("the safety backup is being written"));
        points.add(repository.committed("the safety backup is committed", () -> archivesAtStart));
        points.add(CrashPoint.onFiles("the file beside the target exists", run -> newRestoreFile().isPresent()));
        points.addAll(CrashPoint.spread("the file beside the target", 0, restoredSize, CrashMatrix.COARSE_STEP,
                CrashPoint.FILE_POLL, run -> newRestoreFileBytes()));
        points.add(CrashPoint.onFiles("the file beside the target is complete (being checked)",
                run -> newRestoreFileBytes() >= restoredSize));
        points.add(CrashPoint.onFiles("the target was replaced", run -> !fileKey(target).equals(targetAtStart))
                .finishingFirstAllowed());
        return points;
    }

    /** Halfway through writing the file beside the target: where a signal test stops the run. */
    CrashPoint halfway() {
        return CrashPoint.onFiles("the file beside the target at half its size",
                run -> newRestoreFileBytes() >= restoredSize / 2);
    }

    @Override
    public void prepare() throws IOException {
        if (!targetIsAsItWas()) {
            Files.copy(pristine, target, StandardCopyOption.REPLACE_EXISTING);
        }
        for (String companion : COMPANIONS) {
            Files.deleteIfExists(target.resolveSibling(target.getFileName() + companion));
        }
        archivesAtStart = repository.archiveFiles().size();
        leftoversAtStart = restoreFiles();
        targetAtStart = fileKey(target);
    }

    @Override
    public CrashRun start() {
        return launcher.apply(work, new String[] {"restore", archive, target.toString(), "--overwrite", "--yes"});
    }

    @Override
    public List<String> checkAfterKill(CrashRun killed, CrashPoint point) {
        List<String> problems = new ArrayList<>();
        String hash = DirectorySnapshot.sha256(target);
        if (!hash.equals(targetHash) && !hash.equals(restoredHash)) {
            problems.add("the target holds neither its old bytes nor the backup's");
        }
        for (String companion : List.of("-journal", "-wal")) {
            if (CrashRepository.sizeOrZero(target.resolveSibling(target.getFileName() + companion)) > 0) {
                problems.add("the target has a " + companion + " file, which SQLite applies when it next opens it");
            }
        }
        problems.addAll(check.afterKill(killed));
        return problems;
    }

    /** Its temporary files in the repository, and the file it was writing beside the target. */
    @Override
    public List<Path> leftBehind(CrashRun killed) {
        List<Path> left = new ArrayList<>(repository.temporaryFilesOf(killed.pid()));
        newRestoreFile().ifPresent(left::add);
        return left;
    }

    @Override
    public void afterFinished(CrashRun finished) {
        check.acceptListing();
    }

    @Override
    public List<String> runToTheEnd() throws Exception {
        prepare();
        boolean leftovers = repository.hasLeftovers();
        LifeboatProcess.Result next = LifeboatProcess.run(work, "restore", archive, target.toString(), "--overwrite",
                "--yes", "--json");
        if (next.exitCode() != 0) {
            return List.of("the restore after the kills failed: " + next);
        }
        List<String> problems = new ArrayList<>();
        if (!DirectorySnapshot.sha256(target).equals(restoredHash)) {
            problems.add("the target does not hold the backup's bytes after the restore that followed the kills");
        }
        problems.addAll(CrashRepositoryCheck.cleanupReported(leftovers, next, "restore"));
        List<Path> left = restoreFiles();
        if (!left.isEmpty()) {
            long megabytes = left.stream().mapToLong(CrashRepository::sizeOrZero).sum() / (1024 * 1024);
            problems.add("after a complete restore, " + left.size() + " temporary files of killed restores ("
                    + megabytes + " MB in all, such as " + left.get(0).getFileName()
                    + ") are still beside the target; nothing removes them");
        }
        problems.addAll(check.afterCompleteRun(Json.parse(next.stdout()).get("safetyBackup").get("name").asText()));
        return problems;
    }

    /** The temporary files beside the target: {@code .<target name>.lifeboat-restore-<pid>.<host id>-<random>}. */
    List<Path> restoreFiles() {
        String prefix = "." + target.getFileName() + ".lifeboat-restore-";
        try (Stream<Path> files = Files.list(target.getParent())) {
            return files.filter(file -> file.getFileName().toString().startsWith(prefix)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<Path> newRestoreFile() {
        return restoreFiles().stream().filter(file -> !leftoversAtStart.contains(file)).findFirst();
    }

    private long newRestoreFileBytes() {
        return newRestoreFile().map(CrashRepository::sizeOrZero).orElse(0L);
    }

    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return "gone";
        }
    }

    @Override
    public String toString() {
        return "restores over " + target;
    }
}
