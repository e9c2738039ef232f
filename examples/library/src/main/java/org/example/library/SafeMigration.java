package org.example.library;

import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.port.in.RestoreReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * Migrates the application's SQLite database with a safety net: a lifeboat backup right before the migration, and
 * a restore of that backup when the migration fails, so a failed migration never leaves the database half done.
 *
 * <pre>
 *   java org.example.library.SafeMigration DATABASE BACKUP_DIRECTORY add-email|broken
 * </pre>
 *
 * Exit status: 0 when the migration succeeded, 1 when it failed and the database was restored as it was before,
 * lifeboat's own exit status (2 to 9) when a backup or restore failed, 70 for any other failure.
 */
public final class SafeMigration {

    private SafeMigration() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: SafeMigration DATABASE BACKUP_DIRECTORY add-email|broken");
            System.exit(64);
        }
        Path database = Path.of(args[0]);
        Path repository = Path.of(args[1]);
        try {
            Migration migration = Migration.named(args[2]);
            System.exit(run(database, repository, migration));
        } catch (LifeboatException e) {
            System.err.println("lifeboat: " + e.getMessage());
            System.exit(e.status().code());
        } catch (SQLException | IllegalArgumentException | IllegalStateException | java.io.IOException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(70);
        }
    }

    private static int run(Path database, Path repository, Migration migration) throws SQLException, java.io.IOException {
        if (!Files.exists(database)) {
            Migration.createVersionOne(database);
            System.out.println("created " + database + " at schema version 1");
        }
        Backups backups = Backups.inDirectory(repository);

        BackupName before = backups.backUp(database, "pre-migration");
        System.out.println("backed up " + database + " as " + before);
        try {
            migration.applyTo(database);
        } catch (SQLException failure) {
            System.out.println("migration " + migration.name() + " failed: " + failure.getMessage());
            RestoreReport restored = backups.restore(before);
            System.out.println("restored " + before + " over " + restored.target() + ", checked: "
                    + restored.checks().stream().map(check -> check.name()).toList());
            restored.safetyBackup().ifPresent(kept -> System.out.println(
                    "the half-migrated database was kept as " + kept.archive().name()));
            return 1;
        }
        System.out.println("migration " + migration.name() + " succeeded");
        return 0;
    }
}
