package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.spi.RestoreOutcome;
import dev.lifeboat.domain.spi.ScratchRestoreJob;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The deep verification of a backup: restore into scratch space, check as a real restore would, remove. */
final class ScratchRestore {

    private ScratchRestore() {
    }

    static RestoreOutcome restore(ScratchRestoreJob job) {
        Path copy = job.scratch().newFile("verify");
        RestoredDatabaseCheck.Result checked;
        try {
            try (FileChannel file = FileChannel.open(copy, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                DatabasePart.writeTo(job.manifest(), job.parts(), file, copy, job.progress());
            }
            // through SQLite, not the page reader that made the backup's fingerprint: deep verification stays a check
            // independent of it, and it looks for foreign-key violations again (docs/architecture.md)
            checked = RestoredDatabaseCheck.check(copy, job.manifest(), FileFingerprinter.RowSource.SQLITE,
                    RestoredDatabaseCheck.ForeignKeys.CHECKED, job.progress());
        } catch (IOException e) {
            RuntimeException failure = SqliteFailures.of(e, "restoring into scratch space at " + copy);
            DatabaseFile.deleteAfterFailure(copy, failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            DatabaseFile.deleteAfterFailure(copy, e);
            throw e;
        }
        try {
            DatabaseFile.deleteWithCompanions(copy);
        } catch (IOException e) {
            throw SqliteFailures.of(e, "removing the scratch copy " + copy);
        }
        return new RestoreOutcome(copy + " (a scratch copy, removed after the checks)", checked.checks(),
                checked.warnings());
    }
}
