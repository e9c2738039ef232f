package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.model.DatabaseDescription;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.PartRole;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.ProgressUnit;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A backup: the database as of one moment streams into the archive as one part, while other threads fingerprint
 * and describe that same moment, so that the fingerprint is of exactly the bytes archived. The moment is taken in
 * one of two ways:
 * <ul>
 * <li>the live file itself, when a held read transaction is proven to keep it unchanged ({@link PinnedFileBackup}):
 * nothing is copied, and the file is read once for the archive;</li>
 * <li>otherwise, a snapshot file in scratch space that the online backup API copies the pages into
 * ({@link PageCopy}). The snapshot is deleted before the part is completed, so that it and the archive's copy of the
 * part never take room at once, and in any case before returning, also on failure.</li>
 * </ul>
 */
final class SnapshotBackup {

    static final String PART_NAME = "database.sqlite";

    /** The ways a backup may take its snapshot: a test can rule out the file. */
    enum Route {
        FILE_WHEN_PROVEN, BACKUP_API_ONLY
    }

    private SnapshotBackup() {
    }

    static EngineBackup run(BackupJob job, SqliteLocation source) {
        return run(job, source, Route.FILE_WHEN_PROVEN, PinnedSnapshot.Observer.NONE);
    }

    static EngineBackup run(BackupJob job, SqliteLocation source, Route route, PinnedSnapshot.Observer observer) {
        DatabaseFile.requireDatabase(source);
        if (route == Route.FILE_WHEN_PROVEN) {
            Optional<EngineBackup> backup = PinnedFileBackup.run(job, source, observer);
            if (backup.isPresent()) {
                return backup.get();
            }
        }
        return copyThenArchive(job, source);
    }

    /**
     * Writes the first bytes of a file into a new part and leaves the part open: a part whose stream is not closed
     * stays out of the archive, which is right until what was written has passed its checks.
     *
     * @param stop checked while writing: a parallel check that failed
     * @return the part, or empty when stopped before all was written
     */
    static Optional<OutputStream> writePart(RandomAccessFile from, long length, BackupJob job, BooleanSupplier stop)
            throws IOException {
        try (Progress.Task task = job.progress().start("writing " + PART_NAME, length, ProgressUnit.BYTES)) {
            OutputStream part = job.sink().open(PART_NAME, PartRole.DATABASE_FILE);
            return ByteCopy.copy(from, length, part, task, stop) ? Optional.of(part) : Optional.empty();
        }
    }

    private static EngineBackup copyThenArchive(BackupJob job, SqliteLocation source) {
        Path snapshot = job.scratch().newFile("snapshot");
        try {
            PageCopy.copy(source.path(), snapshot, job.progress());
            return archive(snapshot, source, job);
        } catch (RuntimeException | Error e) {
            DatabaseFile.deleteAfterFailure(snapshot, e);
            throw e;
        }
    }

    private static EngineBackup archive(Path snapshot, SqliteLocation source, BackupJob job) {
        BackgroundTask<EngineBackup> inspection = BackgroundTask.start("lifeboat-sqlite-snapshot-check",
                () -> inspect(snapshot, source, job.progress()));
        Optional<OutputStream> part;
        try {
            part = stream(snapshot, job, inspection);
        } catch (RuntimeException | Error e) {
            inspection.cancel();
            throw e;
        }
        EngineBackup backup;
        try {
            backup = inspection.join();
        } catch (SQLException e) {
            throw SqliteFailures.of(e, "checking the snapshot of " + source.path(), snapshot);
        }
        // the part stops short only when the inspection failed, and then join has thrown
        OutputStream complete = part.orElseThrow(() -> new IllegalStateException("the snapshot was not all written"));
        try {
            DatabaseFile.deleteWithCompanions(snapshot);
        } catch (IOException e) {
            throw SqliteFailures.of(e, "removing the snapshot " + snapshot);
        }
        try {
            complete.close();
        } catch (IOException e) {
            throw SqliteFailures.of(e, "completing the part " + PART_NAME + " of the archive");
        }
        return backup;
    }

    private static Optional<OutputStream> stream(Path snapshot, BackupJob job, BackgroundTask<?> inspection) {
        try (RandomAccessFile in = new RandomAccessFile(snapshot.toFile(), "r")) {
            return writePart(in, in.length(), job, inspection::failed);
        } catch (IOException e) {
            throw SqliteFailures.of(e, "writing the snapshot of " + snapshot + " into the archive");
        }
    }

    private static EngineBackup inspect(Path snapshot, SqliteLocation source, Progress progress) throws SQLException {
        Fingerprint fingerprint = FileFingerprinter.fingerprint(snapshot, FileFingerprinter.RowSource.PAGES, progress, "fingerprinting the snapshot");
        try (Connection connection = DatabaseFileConnections.immutable(snapshot)) {
            DatabaseDescription description = Describer.describeSnapshot(DatabaseFacts.read(connection), fingerprint,
                    source, DatabaseFile.journalMode(snapshot), SnapshotMethod.BACKUP_API);
            List<String> warnings = ForeignKeyViolations.find(connection).backupWarning().stream().toList();
            return new EngineBackup(description, fingerprint, warnings);
        } catch (IOException e) {
            throw SqliteFailures.of(e, "checking the snapshot of " + source.path());
        }
    }
}
