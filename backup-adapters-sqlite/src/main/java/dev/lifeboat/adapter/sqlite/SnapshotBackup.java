package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.model.DatabaseDescription;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.PartRole;
import dev.lifeboat.domain.port.out.BackupJob;
import dev.lifeboat.domain.port.out.EngineBackup;
import dev.lifeboat.domain.port.out.Progress;
import dev.lifeboat.domain.port.out.ProgressUnit;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * A backup: the live database is copied into a snapshot file in scratch space, then the snapshot streams into the
 * archive while a second thread fingerprints and describes it. The snapshot's bytes are exactly what is archived,
 * and the fingerprint is of exactly those bytes. The snapshot is deleted before the part is completed, so that it
 * and the archive's copy of the part never take room at once, and in any case before returning, also on failure.
 */
final class SnapshotBackup {

    static final String PART_NAME = "database.sqlite";

    private SnapshotBackup() {
    }

    static EngineBackup run(BackupJob job, SqliteLocation source) {
        DatabaseFile.requireDatabase(source);
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

    /**
     * Writes the snapshot into a new part and leaves the part open: a part whose stream is not closed stays out of
     * the archive, which is right until the snapshot has passed its check.
     *
     * @return the part, or empty when the inspection failed before all was written
     */
    private static Optional<OutputStream> stream(Path snapshot, BackupJob job, BackgroundTask<?> inspection) {
        try (InputStream in = Files.newInputStream(snapshot);
             Progress.Task task = job.progress().start("writing " + PART_NAME, Files.size(snapshot),
                     ProgressUnit.BYTES)) {
            OutputStream part = job.sink().open(PART_NAME, PartRole.DATABASE_FILE);
            return ByteCopy.copy(in, part, task, inspection::failed) ? Optional.of(part) : Optional.empty();
        } catch (IOException e) {
            throw SqliteFailures.of(e, "writing the snapshot of " + snapshot + " into the archive");
        }
    }

    private static EngineBackup inspect(Path snapshot, SqliteLocation source, Progress progress) throws SQLException {
        Fingerprint fingerprint = FileFingerprinter.fingerprint(snapshot, progress, "fingerprinting the snapshot");
        try (Connection connection = Connections.immutable(snapshot)) {
            DatabaseDescription description = Describer.describeSnapshot(DatabaseFacts.read(connection), fingerprint,
                    source, DatabaseFile.journalMode(snapshot));
            List<String> warnings = ForeignKeyViolations.find(connection).backupWarning().stream().toList();
            return new EngineBackup(description, fingerprint, warnings);
        } catch (IOException e) {
            throw SqliteFailures.of(e, "checking the snapshot of " + source.path());
        }
    }
}
