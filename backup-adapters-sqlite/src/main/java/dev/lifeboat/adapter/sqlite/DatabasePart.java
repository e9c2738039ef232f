package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.spi.PartSource;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.ProgressUnit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** The archive part that holds the database file, written out to a file on disk. */
final class DatabasePart {

    private DatabasePart() {
    }

    /**
     * Writes the part into an open file. The part is read to its end, where its source checks its SHA-256 and throws
     * {@code VerificationFailedException} for damaged bytes. Syncing to disk is the caller's: a scratch copy needs
     * none, and a restore syncs while it checks the copy.
     */
    static void writeTo(Manifest manifest, PartSource parts, FileChannel file, Path where, Progress progress) {
        PartInfo part = manifest.part(SnapshotBackup.PART_NAME).orElseThrow(() -> new VerificationFailedException(
                "the archive has no part " + SnapshotBackup.PART_NAME + ", so it holds no SQLite database"));
        try (InputStream in = parts.open(part.name());
             Progress.Task task = progress.start("writing " + part.name(), part.rawSize(), ProgressUnit.BYTES)) {
            ByteCopy.copy(in, file, task);
        } catch (IOException e) {
            throw SqliteFailures.of(e, "writing the restored database to " + where);
        }
    }
}
