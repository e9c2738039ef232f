package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.spi.Progress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks a restored database file must pass before it may replace anything: SQLite's integrity check, and a
 * fingerprint equal to the one recorded at backup. Foreign-key violations are reported, not failed: the backup
 * kept the source as it was, faults included.
 */
final class RestoredDatabaseCheck {

    private static final int INTEGRITY_LINES_QUOTED = 10;

    private RestoredDatabaseCheck() {
    }

    /**
     * The checks passed, and what the user should know.
     *
     * @param checks   one entry per check
     * @param warnings foreign-key violations carried over from the source, if any
     */
    record Result(List<VerificationCheck> checks, List<String> warnings) {
    }

    /**
     * Checks a restored file, reading its rows from its pages ({@link FileFingerprinter}).
     *
     * @throws VerificationFailedException when the file is not a sound database or not the backed-up data
     */
    static Result check(Path file, Manifest manifest, Progress progress) {
        return check(file, manifest, FileFingerprinter.RowSource.PAGES, progress);
    }

    /**
     * Checks a restored file, reading its rows from where {@code rows} says.
     *
     * @throws VerificationFailedException when the file is not a sound database or not the backed-up data
     */
    static Result check(Path file, Manifest manifest, FileFingerprinter.RowSource rows, Progress progress) {
        try (Connection connection = DatabaseFileConnections.immutable(file)) {
            List<VerificationCheck> checks = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            // SQLite's integrity check is one thread's work: it runs beside the fingerprint's workers
            BackgroundTask<String> integrity = BackgroundTask.start("lifeboat-sqlite-integrity-check",
                    () -> integrity(file));
            Fingerprint actual;
            try {
                actual = FileFingerprinter.fingerprint(file, rows, progress, "fingerprinting the restored database");
            } catch (SQLException | RuntimeException | Error e) {
                integrity.cancel();
                throw e;
            }
            checks.add(VerificationCheck.passed("integrity_check", integrity.join()));
            List<String> differences = manifest.fingerprint().differencesFrom(actual);
            if (!differences.isEmpty()) {
                throw new VerificationFailedException("the restored database does not match the backup: "
                        + String.join("; ", differences));
            }
            checks.add(VerificationCheck.passed("fingerprint", actual.tables().size() + " tables, "
                    + actual.totalRows() + " rows match the backup"));

            ForeignKeyViolations violations = ForeignKeyViolations.find(connection);
            if (violations.none()) {
                checks.add(VerificationCheck.passed("foreign keys", "no violations"));
            } else {
                boolean recorded = violations.backupWarning().filter(manifest.warnings()::contains).isPresent();
                String detail = violations.summary() + (recorded ? ", as recorded when the backup was taken"
                        : ", not recorded when the backup was taken");
                checks.add(VerificationCheck.warning("foreign keys", detail));
                warnings.add(detail + "; restored as they are");
            }
            return new Result(checks, warnings);
        } catch (SQLException e) {
            LifeboatException cause = SqliteFailures.of(e, "checking the restored database", file);
            throw new VerificationFailedException("the backup's database file fails to open or read as a SQLite"
                    + " database: " + cause.getMessage(), e);
        }
    }

    private static String integrity(Path file) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = DatabaseFileConnections.immutable(file);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA integrity_check(" + INTEGRITY_LINES_QUOTED + ")")) {
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
        }
        if (!lines.equals(List.of("ok"))) {
            throw new VerificationFailedException("the restored database fails SQLite's integrity check: "
                    + String.join("; ", lines));
        }
        return "ok";
    }
}
