package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.model.DatabaseDescription;
import java.util.Objects;

/**
 * What a backup would do, without doing it ({@code backup --dry-run}).
 *
 * @param database       the database as described by its engine
 * @param archiveName    the archive that would be written
 * @param repository     where
 * @param compression    how
 * @param requiredBytes  free space the backup needs
 * @param availableBytes free space there is
 */
public record BackupPlan(DatabaseDescription database, BackupName archiveName, String repository,
                         CompressionSettings compression, long requiredBytes, long availableBytes) {

    public BackupPlan {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(archiveName, "archiveName");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(compression, "compression");
    }

    public boolean enoughSpace() {
        return availableBytes >= requiredBytes;
    }
}
