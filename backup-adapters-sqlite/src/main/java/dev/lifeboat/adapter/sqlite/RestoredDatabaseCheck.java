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
import java.util.Optional;

/**
 * The checks a restored database file must pass before it may replace anything: SQLite's integrity check, and a
 * fingerprint equal to the one recorded at backup. Foreign-key violations are reported, not failed: the backup
 * kept the source as it was, faults included. A restore reports the violations the backup recorded instead of
 * looking for them again: once the file passes the integrity check and its fingerprint (every row of every table,
 * the schema) equals the backup's, SQLite's foreign-key check can only give the answer the backup recorded
 * (docs/architecture.md). Deep verification looks again, and says whether the answer is the recorded one.
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

    /** Where the foreign-key violations reported come from. */
    enum ForeignKeys {
        /** The backup's record of them, which the file's integrity and fingerprint prove to hold for it. */
        AS_RECORDED,
        /** SQLite's foreign-key check of the file, compared with the backup's record. */
        CHECKED
    }

    /**
     * Checks a restored file as a restore does: its rows read from its pages ({@link FileFingerprinter}), the
     * foreign-key violations as the backup recorded them.
     *
     * @throws VerificationFailedException when the file is not a sound database or not the backed-up data
     */
    static Result check(Path file, Manifest manifest, Progress progress) {
        return check(file, manifest, FileFingerprinter.RowSource.PAGES, ForeignKeys.AS_RECORDED, progress);
    }

    /**
     * Checks a restored file, reading its rows from where {@code rows} says.
     *
     * @throws VerificationFailedException when the file is not a sound database or not the backed-up data
     */
    static Result check(Path file, Manifest manifest, FileFingerprinter.RowSource rows, ForeignKeys foreignKeys,
                        Progress progress) {
        try {
            List<VerificationCheck> checks = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            // SQLite's integrity check is one thread's work, and the longest: it keeps a core, the fingerprint's
            // workers share the others
            BackgroundTask<String> integrity = BackgroundTask.start("lifeboat-sqlite-integrity-check",
                    () -> integrity(file));
            Fingerprint actual;
            try {
                actual = FileFingerprinter.fingerprintBesideOneThread(file, rows, progress,
                        "fingerprinting the restored database");
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

            Optional<String> recorded = ForeignKeyViolations.recordedSummary(manifest.warnings());
            if (foreignKeys == ForeignKeys.AS_RECORDED) {
                if (recorded.isEmpty()) {
                    checks.add(VerificationCheck.passed("foreign keys", "no violations, as the backup found"));
                } else {
                    String detail = recorded.get() + ", as recorded when the backup was taken";
                    checks.add(VerificationCheck.warning("foreign keys", detail));
                    warnings.add(detail + "; restored as they are");
                }
                return new Result(checks, warnings);
            }
            ForeignKeyViolations violations;
            try (Connection connection = DatabaseFileConnections.immutable(file)) {
                violations = ForeignKeyViolations.find(connection);
            }
            if (violations.none()) {
                checks.add(VerificationCheck.passed("foreign keys", recorded.isEmpty() ? "no violations"
                        : "no violations, but the backup recorded " + recorded.get()));
            } else {
                boolean same = recorded.filter(violations.summary()::equals).isPresent();
                String detail = violations.summary() + (same ? ", as recorded when the backup was taken"
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
