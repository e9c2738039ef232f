package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lifeboat.adapter.archive.TarArchiveCodec;
import dev.lifeboat.adapter.filesystem.StorageFailingRepository;
import dev.lifeboat.adapter.sqlite.SqliteEngine;
import dev.lifeboat.domain.error.InsufficientSpaceException;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.port.in.CreateBackupCommand;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.reliability.ReliabilityTally;
import dev.lifeboat.domain.service.CreateBackupService;
import dev.lifeboat.domain.service.EngineRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage that fails under a run: a disk that fills up while a backup or a restore writes (a real small tmpfs, which
 * needs root: see {@link StorageTmpfs}), writes failing at chosen bytes (an injected "No space left on device" at
 * byte N of the archive, a file size limit for restores), and permissions
 * taken away in the middle of a run, at points chosen by how far the run has come. Every case must end in a clean
 * one-line error with the right exit status, no partial file, and older backups and the restore target untouched.
 */
class StorageFaultIT {

    private static final int BLOB_BYTES = 100_000;
    /** The database that no longer fits: about 24 MB of random, so incompressible, data. */
    private static final int DISK_FULL_BLOBS = 240;
    /** Big enough that a run is caught in the middle by watching its files grow. */
    private static final int PERMISSION_BLOBS = ReliabilityTally.LONG ? 300 : 150;
    private static final int TMPFS_MEGABYTES = 64;
    private static final double[] FRACTIONS = ReliabilityTally.points(new double[] {0.3, 0.9},
            new double[] {0.02, 0.3, 0.6, 0.9, 0.99});

    @TempDir
    Path work;

    @Test
    void a_disk_that_fills_up_during_a_backup_ends_it_with_exit_5_and_keeps_older_backups_intact() throws IOException {
        Path big = randomDatabase(work.resolve("big.db"), DISK_FULL_BLOBS, "delete");
        randomDatabase(work.resolve("app.db"), 3, "delete");
        long size = Files.size(big);
        ReliabilityTally tally = new ReliabilityTally("storage-disk-full-backup-tmpfs");
        try (StorageTmpfs disk = StorageTmpfs.mount(work.resolve("small-disk"), TMPFS_MEGABYTES,
                "storage-disk-full-backup-tmpfs")) {
            Path repository = disk.path().resolve("backups");
            Path older = backup("app.db", repository);
            // the space check asks for room for the spool and the archive, so the disk fills up under the run: it
            // is paused while it spools the part, the disk is filled to its last page, and it goes on (where in the
            // archive a write fails is storage-disk-full-backup-injected's matter)
            long archiveBytes = archiveSize(backup("big.db", work.resolve("measure")));
            for (double point : ReliabilityTally.points(new double[] {0.2, 0.5}, new double[] {0.1, 0.2, 0.35, 0.5, 0.65})) {
                tally.check("disk filled up after " + point + " of the part was spooled", () -> {
                    Map<String, String> before = withoutLock(DirectorySnapshot.of(repository));
                    StorageRun run = StorageRun.start(work, "backup", "big.db", "--repo", repository.toString())
                            .readyToPause();
                    LifeboatProcess.Result backup = fullDiskUnder(run, disk, repository,
                            (long) (point * archiveBytes));
                    assertThat(backup.exitCode()).as(backup.toString()).isEqualTo(5);
                    assertThat(backup.errorLine()).contains("full");
                    assertIntact(repository, before, older);
                });
            }
            tally.check("less room than the database", () -> {
                Map<String, String> before = withoutLock(DirectorySnapshot.of(repository));
                disk.leaveFree(size);
                LifeboatProcess.Result backup = LifeboatProcess.run(work, "backup", "big.db", "--repo",
                        repository.toString());
                assertThat(backup.exitCode()).as(backup.toString()).isEqualTo(5);
                assertThat(backup.errorLine()).contains("not enough free space", "bytes required", "bytes available");
                assertIntact(repository, before, older);
            });
            tally.check("room again: the next backup succeeds", () -> {
                disk.removeFiller();
                Path next = backup("big.db", repository);
                assertVerifies(next);
                assertThat(temporaryFiles(repository)).isEmpty();
            });
        }
        tally.report();
    }

    @Test
    void a_write_failing_at_byte_n_of_the_archive_is_reported_as_a_full_disk_and_leaves_nothing() throws IOException {
        randomDatabase(work.resolve("big.db"), DISK_FULL_BLOBS, "delete");
        randomDatabase(work.resolve("app.db"), 3, "delete");
        injectedDiskFull();
    }

    /**
     * Where in the archive a write fails, which a real full disk cannot choose: the real directory repository,
     * through the domain's backup service, with archive writes failing at byte N.
     */
    private void injectedDiskFull() {
        ReliabilityTally tally = new ReliabilityTally("storage-disk-full-backup-injected");
        Path repository = work.resolve("injected");
        Path older = backup("app.db", repository);
        Map<String, String> before = withoutLock(DirectorySnapshot.of(repository));
        // an archive's size varies by a few bytes (the manifest records durations), hence the margin at its end
        long archiveBytes = archiveSize(backup("big.db", work.resolve("measure")));
        List<Long> failingBytes = new ArrayList<>(List.of(0L, 512L));
        for (double fraction : FRACTIONS) {
            failingBytes.add((long) (fraction * archiveBytes));
        }
        failingBytes.add(archiveBytes - 64);
        if (ReliabilityTally.LONG) {
            failingBytes.addAll(List.of(511L, 4096L, archiveBytes - 4096, archiveBytes - 1024));
        }
        CreateBackupCommand command = CreateBackupCommand.of(DatabaseLocation.of(work.resolve("big.db").toString()));
        for (long bytes : failingBytes) {
            tally.check("disk full at archive byte " + bytes, () -> {
                CreateBackupService service = new CreateBackupService(new EngineRegistry(List.of(new SqliteEngine())),
                        new TarArchiveCodec(), StorageFailingRepository.failingAfter(repository, bytes),
                        Clock.systemUTC(), "test");
                Throwable failure = catchThrowable(() -> service.backup(command, Progress.NONE));
                assertThat(failure).as("the backup with the disk full at byte " + bytes)
                        .isInstanceOf(InsufficientSpaceException.class);
                assertThat(((LifeboatException) failure).status().code()).isEqualTo(5);
                assertThat(failure.getMessage()).contains("full").doesNotContain("\n");
                assertIntact(repository, before, older);
            });
        }
        tally.report();
    }

    @Test
    void a_target_disk_that_fills_up_during_a_restore_ends_it_with_exit_5_and_leaves_the_target_as_it_was()
            throws IOException {
        Path big = randomDatabase(work.resolve("big.db"), DISK_FULL_BLOBS, "delete");
        long size = Files.size(big);
        Path repository = work.resolve("backups");
        backup("big.db", repository);
        ReliabilityTally tally = new ReliabilityTally("storage-disk-full-restore-tmpfs");
        try (StorageTmpfs disk = StorageTmpfs.mount(work.resolve("small-disk"), TMPFS_MEGABYTES,
                "storage-disk-full-restore-tmpfs")) {
            Path targets = Files.createDirectory(disk.path().resolve("data"));
            Path existing = existingTarget(targets);
            Map<String, String> before = DirectorySnapshot.of(targets);
            for (double fraction : FRACTIONS) {
                tally.check("new target, room for " + fraction + " of the database", () -> {
                    disk.leaveFree((long) (fraction * size));
                    LifeboatProcess.Result restore = LifeboatProcess.run(work, "restore", "latest",
                            targets.resolve("new.db").toString(), "--repo", repository.toString());
                    assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(5);
                    assertThat(restore.errorLine()).contains("full");
                    assertUnchanged(targets, before, existing);
                });
                tally.check("existing target overwritten, room for " + fraction + " of the database", () -> {
                    disk.leaveFree((long) (fraction * size));
                    LifeboatProcess.Result restore = LifeboatProcess.run(work, "restore", "latest",
                            existing.toString(), "--overwrite", "--yes", "--repo", repository.toString());
                    assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(5);
                    assertThat(restore.errorLine()).contains("full");
                    assertUnchanged(targets, before, existing);
                });
            }
            tally.check("room again: the restore succeeds", () -> {
                disk.removeFiller();
                assertRestoresWhole(big, repository, targets.resolve("new.db"));
            });
        }
        tally.report();
    }

    @Test
    void a_restore_whose_writes_fail_at_byte_n_ends_cleanly_and_leaves_the_target_as_it_was() throws IOException {
        Path big = randomDatabase(work.resolve("big.db"), DISK_FULL_BLOBS, "delete");
        Path repository = work.resolve("backups");
        backup("big.db", repository);
        limitedRestoreWrites(big, repository);
    }

    /**
     * Writes failing at chosen bytes, which a real full disk cannot choose, where the SQLite engine offers no seam to
     * fail its writes: the restore runs with a file size limit (prlimit --fsize), so its write into the target's directory fails at byte
     * N ("File too large"), as a full disk would fail it.
     */
    private void limitedRestoreWrites(Path big, Path repository) throws IOException {
        long size = Files.size(big);
        ReliabilityTally tally = new ReliabilityTally("storage-write-failure-restore-fsize");
        Path targets = Files.createDirectory(work.resolve("limited"));
        Path existing = existingTarget(targets);
        Map<String, String> before = DirectorySnapshot.of(targets);
        for (double fraction : FRACTIONS) {
            // room for the native libraries too, which a run may unpack under the limit (as the check below does)
            long limit = Math.max(1_200_000, (long) (fraction * size));
            List<String> limits = List.of("prlimit", "--fsize=" + limit);
            tally.check("new target, writes failing at byte " + limit, () -> {
                LifeboatProcess.Result restore = StorageRun.start(work, limits, "restore", "latest",
                        targets.resolve("new.db").toString(), "--repo", repository.toString()).finish();
                assertThat(restore.exitCode()).as(restore.toString()).isIn(3, 5);
                assertThat(restore.errorLine()).contains("new.db");
                assertUnchanged(targets, before, existing);
            });
            tally.check("existing target overwritten, writes failing at byte " + limit, () -> {
                LifeboatProcess.Result restore = StorageRun.start(work, limits, "restore", "latest",
                        existing.toString(), "--overwrite", "--yes", "--repo", repository.toString()).finish();
                assertThat(restore.exitCode()).as(restore.toString()).isIn(3, 5);
                assertThat(restore.errorLine()).contains("existing.db");
                assertUnchanged(targets, before, existing);
            });
        }
        tally.check("the temporary directory takes no native library (limit 100 kB)", () -> {
            LifeboatProcess.Result restore = StorageRun.start(work, List.of("prlimit", "--fsize=100000"),
                    LifeboatJvm.commandExtractingNativeLibraries(), "restore", "latest", existing.toString(),
                    "--overwrite", "--yes", "--repo", repository.toString()).finish();
            assertThat(restore.exitCode()).as(restore.toString()).isIn(3, 5);
            assertThat(restore.errorLine()).isNotBlank();
            assertUnchanged(targets, before, existing);
        });
        tally.check("no limit: the restore succeeds", () -> assertRestoresWhole(big, repository, targets.resolve("new.db")));
        tally.report();
    }

    private static Path existingTarget(Path targets) {
        Path existing = randomDatabase(targets.resolve("existing.db"), 1, "delete");
        SqliteDatabases.execute(existing, """
                CREATE TABLE kept (note TEXT);
                INSERT INTO kept VALUES ('mine');
                """);
        return existing;
    }

    private static void assertUnchanged(Path targets, Map<String, String> before, Path existing) {
        assertThat(DirectorySnapshot.of(targets)).as("the target directory").isEqualTo(before);
        assertThat(SqliteDatabases.sqlite3(existing, "SELECT note FROM kept").trim()).isEqualTo("mine");
    }

    private void assertRestoresWhole(Path big, Path repository, Path target) {
        LifeboatProcess.Result restore = LifeboatProcess.run(work, "restore", "latest", target.toString(), "--repo",
                repository.toString());
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(SqliteDatabases.sqlite3(target, "PRAGMA integrity_check").trim()).isEqualTo("ok");
        assertThat(DirectorySnapshot.sha256(target)).isEqualTo(DirectorySnapshot.sha256(big));
    }

    @Test
    void permissions_taken_away_during_a_backup_end_it_cleanly_and_leave_no_visible_archive() throws Exception {
        StorageRun.assertBound();
        Path sources = Files.createDirectory(work.resolve("sources"));
        randomDatabase(sources.resolve("big.db"), PERMISSION_BLOBS, "delete");
        randomDatabase(work.resolve("app.db"), 3, "delete");
        Path repository = work.resolve("backups");
        Path older = backup("app.db", repository);
        long size = Files.size(sources.resolve("big.db"));
        ReliabilityTally tally = new ReliabilityTally("storage-permission-change-backup");
        record Change(String what, Path directory, String permissions) {
        }
        // permissions are checked when a file is opened: the source's directory made unreadable once the backup has
        // opened the database binds nothing (the backup reads it to its end and succeeds), so the changes tried are
        // those that bind the backup's remaining steps, in the repository
        List<Change> changes = List.of(
                new Change("repository made unreadable (000)", repository, "---------"),
                new Change("repository made read-only (500)", repository, "r-x------"));
        for (Change change : changes) {
            // the database's part goes straight into the archive: its temporary files stay under the database's size
            for (double fraction : ReliabilityTally.points(new double[] {0.6}, new double[] {0.1, 0.6, 0.95})) {
                tally.check(change.what() + " after " + fraction + " of the database was written", () -> {
                    Map<String, String> before = withoutLock(DirectorySnapshot.of(repository));
                    String permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(change.directory()));
                    StorageRun run = StorageRun.start(work, "backup", sources.resolve("big.db").toString(), "--repo",
                            repository.toString());
                    LifeboatProcess.Result result;
                    try {
                        awaitTemporaryBytes(run, repository, (long) (fraction * size));
                        Files.setPosixFilePermissions(change.directory(), PosixFilePermissions.fromString(change.permissions()));
                        result = run.finish();
                    } finally {
                        Files.setPosixFilePermissions(change.directory(), PosixFilePermissions.fromString(permissions));
                    }
                    // the change took effect: the run took its failure path, and that path is clean
                    assertThat(result.exitCode()).as(result.toString()).isIn(3, 5);
                    assertCleanEnd(result, repository, before);
                    // what a failed run could not remove, the next run removes
                    LifeboatProcess.Result next = LifeboatProcess.run(work, "backup", "app.db", "--repo",
                            repository.toString());
                    assertThat(next.exitCode()).as(next.toString()).isZero();
                    assertThat(temporaryFiles(repository)).as("temporary files after the next run").isEmpty();
                    assertVerifies(older);
                });
            }
        }
        tally.report();
    }

    @Test
    void permissions_taken_away_during_a_restore_end_it_cleanly_and_leave_the_target_as_it_was() throws Exception {
        StorageRun.assertBound();
        Path big = randomDatabase(work.resolve("big.db"), PERMISSION_BLOBS, "delete");
        long size = Files.size(big);
        Path repository = work.resolve("backups");
        Path archive = backup("big.db", repository);
        Path targets = Files.createDirectory(work.resolve("data"));
        Path existing = randomDatabase(targets.resolve("existing.db"), 2, "delete");
        ReliabilityTally tally = new ReliabilityTally("storage-permission-change-restore");
        record Change(String what, Path path, String permissions) {
        }
        // permissions are checked when a file is opened: the archive or the repository made unreadable once the
        // restore has opened the archive binds nothing (it is read to its end and the restore succeeds), so the
        // changes tried are those that bind the restore's remaining steps, in the target's directory
        List<Change> changes = List.of(
                new Change("target directory made read-only (500)", targets, "r-x------"),
                new Change("target directory made unreadable (000)", targets, "---------"));
        for (Change change : changes) {
            for (double fraction : ReliabilityTally.points(new double[] {0.3}, new double[] {0.1, 0.3, 0.6})) {
                tally.check(change.what() + " after " + fraction + " of the database was restored", () -> {
                    Map<String, String> before = DirectorySnapshot.of(targets);
                    String permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(change.path()));
                    StorageRun run = StorageRun.start(work, "restore", archive.toString(), existing.toString(),
                            "--overwrite", "--yes", "--repo", repository.toString());
                    LifeboatProcess.Result result;
                    try {
                        awaitRestoredBytes(run, targets, (long) (fraction * size));
                        Files.setPosixFilePermissions(change.path(), PosixFilePermissions.fromString(change.permissions()));
                        result = run.finish();
                    } finally {
                        Files.setPosixFilePermissions(change.path(), PosixFilePermissions.fromString(permissions));
                    }
                    // the change took effect: the run took its failure path, and that path is clean
                    assertThat(result.exitCode()).as(result.toString()).isIn(3, 4, 5, 6);
                    String error = result.errorLine();
                    Map<String, String> after = DirectorySnapshot.of(targets);
                    Map<String, String> left = new TreeMap<>(after);
                    left.keySet().removeAll(before.keySet());
                    // a file lifeboat may not remove (its directory was made read-only) must at least be named
                    left.keySet().forEach(name -> assertThat(error).as("the error names what it left, " + name)
                            .contains(name));
                    before.forEach((name, sha256) -> assertThat(after).as("the target directory after " + result)
                            .containsEntry(name, sha256));
                    left.keySet().forEach(name -> deleteAsOwner(targets.resolve(name)));
                    assertVerifies(archive);
                });
            }
        }
        tally.report();
    }

    private static void deleteAsOwner(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Lets a backup run until its temporary files have {@code pauseAt} bytes, pauses it, fills the disk up, lets it
     * go on to its end, and empties the disk again.
     */
    private static LifeboatProcess.Result fullDiskUnder(StorageRun run, StorageTmpfs disk, Path repository,
                                                        long pauseAt) {
        RuntimeException failure = null;
        try {
            awaitTemporaryBytes(run, repository, pauseAt);
            run.pause();
            try {
                disk.fillUp();
            } finally {
                run.resume();
            }
        } catch (RuntimeException e) {
            failure = e;
        } catch (AssertionError e) {
            failure = new IllegalStateException(e.getMessage(), e);
        }
        LifeboatProcess.Result result = run.finish();
        disk.removeFiller();
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    /** A failure ends with one line and no visible archive. */
    private void assertCleanEnd(LifeboatProcess.Result result, Path repository, Map<String, String> before) {
        Map<String, String> archives = withoutTemporaryFiles(DirectorySnapshot.of(repository));
        assertThat(result.errorLine()).isNotBlank();
        assertThat(archives).as("the repository besides temporary files, after " + result)
                .isEqualTo(withoutTemporaryFiles(before));
    }

    private static long awaitTemporaryBytes(StorageRun run, Path repository, long bytes) {
        return awaitBytes(run, repository, name -> name.startsWith(".lifeboat-tmp-" + run.pid() + "."), bytes);
    }

    private static void awaitRestoredBytes(StorageRun run, Path targets, long bytes) {
        awaitBytes(run, targets, name -> name.contains(".lifeboat-restore-"), bytes);
    }

    /** Waits until the run's files have so many bytes, by watching them grow, and returns how many they have. */
    private static long awaitBytes(StorageRun run, Path directory, Predicate<String> files, long bytes) {
        for (long seen = bytesOf(directory, files); ; seen = bytesOf(directory, files)) {
            if (seen >= bytes) {
                return seen;
            }
            assertThat(run.isAlive()).as("the run ended before it got so far").isTrue();
            Thread.onSpinWait();
        }
    }

    private static long bytesOf(Path directory, Predicate<String> files) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(file -> files.test(file.getFileName().toString())).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0; // removed between listing and measuring
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The older archives are byte for byte as before, and nothing else is there, not even a temporary file. */
    /** The repository as before, but for the record each verification here leaves, and the older archive verifies. */
    private void assertIntact(Path repository, Map<String, String> before, Path older) {
        assertThat(withoutRecords(withoutLock(DirectorySnapshot.of(repository)))).as("the repository")
                .isEqualTo(withoutRecords(before));
        assertVerifies(older);
    }

    private static Map<String, String> withoutRecords(Map<String, String> files) {
        Map<String, String> kept = new java.util.TreeMap<>(files);
        kept.keySet().removeIf(name -> name.endsWith(".verified"));
        return kept;
    }

    private void assertVerifies(Path archive) {
        LifeboatProcess.Result verify = LifeboatProcess.run(work, "verify", archive.toString());
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
    }

    /** Backs a database up and returns its archive. */
    private Path backup(String database, Path repository) {
        LifeboatProcess.Result backup = LifeboatProcess.run(work, "backup", database, "--json", "--repo",
                repository.toString());
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        return Path.of(Json.parse(backup.stdout()).get("archive").get("path").asText());
    }

    private static long archiveSize(Path archive) {
        try {
            return Files.size(archive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> withoutTemporaryFiles(Map<String, String> files) {
        Map<String, String> kept = withoutLock(files);
        kept.keySet().removeIf(name -> name.startsWith(".lifeboat-tmp-"));
        return kept;
    }

    private static Map<String, String> withoutLock(Map<String, String> files) {
        Map<String, String> kept = new TreeMap<>(files);
        kept.remove(".lifeboat.lock");
        return kept;
    }

    private static List<Path> temporaryFiles(Path repository) {
        try (Stream<Path> files = Files.list(repository)) {
            return files.filter(file -> file.getFileName().toString().startsWith(".lifeboat-tmp-")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A database of random, so incompressible, blobs of 100 kB each. */
    private static Path randomDatabase(Path file, int blobs, String journalMode) {
        SqliteDatabases.execute(file, """
                PRAGMA journal_mode = %s;
                CREATE TABLE blob_store (id INTEGER PRIMARY KEY, payload BLOB);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
                INSERT INTO blob_store SELECT i, randomblob(%d) FROM n;
                """.formatted(journalMode, blobs, BLOB_BYTES));
        return file;
    }
}
