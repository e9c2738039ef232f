package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.model.DatabaseDescription;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * A backup that streams the live database file itself into the archive, while the file is pinned as the snapshot of
 * a held read transaction ({@link PinnedSnapshot}) and the connections sharing that snapshot fingerprint it. Nothing
 * is copied into scratch space, and the file is read once for the archive instead of being copied, written and read
 * again. In rollback-journal mode writers wait meanwhile, as they do while the backup API copies.
 */
final class PinnedFileBackup {

    private PinnedFileBackup() {
    }

    /** The backup, or empty when the file could not be proven to be a snapshot and nothing was written. */
    static Optional<EngineBackup> run(BackupJob job, SqliteLocation source, PinnedSnapshot.Observer observer) {
        Optional<PinnedSnapshot> pinned = PinnedSnapshot.pin(source.path(), FileFingerprinter.WORKERS, observer);
        if (pinned.isEmpty()) {
            return Optional.empty();
        }
        EngineBackup backup;
        OutputStream complete;
        try (PinnedSnapshot snapshot = pinned.get()) {
            BackgroundTask<EngineBackup> inspection = BackgroundTask.start("lifeboat-sqlite-snapshot-check",
                    () -> inspect(snapshot, source, job.progress()));
            Optional<OutputStream> part;
            try {
                part = SnapshotBackup.writePart(snapshot.file(), snapshot.bytes(), job, inspection::failed);
            } catch (IOException e) {
                inspection.cancel();
                throw SqliteFailures.of(e, "writing " + source.path() + " into the archive");
            } catch (RuntimeException | Error e) {
                inspection.cancel();
                throw e;
            }
            try {
                backup = inspection.join();
            } catch (SQLException e) {
                throw SqliteFailures.of(e, "fingerprinting " + source.path(), source.path());
            }
            // the part stops short only when the inspection failed, and then join has thrown
            complete = part.orElseThrow(() -> new IllegalStateException("the database was not all written"));
            snapshot.requireUnchanged();
        }
        // the read transactions are over before the part is completed: writers need not wait for the archive
        try {
            complete.close();
        } catch (IOException e) {
            throw SqliteFailures.of(e, "completing the part " + SnapshotBackup.PART_NAME + " of the archive");
        }
        return Optional.of(backup);
    }

    private static EngineBackup inspect(PinnedSnapshot snapshot, SqliteLocation source, Progress progress)
            throws SQLException {
        Fingerprint fingerprint = FileFingerprinter.fingerprint(snapshot.readers(), snapshot.pages(), progress,
                "fingerprinting the database");
        DatabaseDescription description = Describer.describeSnapshot(snapshot.facts(), fingerprint, source,
                snapshot.journalMode(), SnapshotMethod.FILE);
        List<String> warnings = ForeignKeyViolations.find(snapshot.readers().get(0)).backupWarning().stream()
                .toList();
        return new EngineBackup(description, fingerprint, warnings);
    }
}
