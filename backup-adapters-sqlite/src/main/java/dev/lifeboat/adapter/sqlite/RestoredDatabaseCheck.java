package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.ProgressUnit;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks a restored database file must pass before it may replace anything: SQLite's integrity check, and a
 * fingerprint equal to the one recorded at backup. Foreign-key violations are reported, not failed: the backup
 * kept the source as it was, faults included. A restore reports the violations the backup recorded instead of
 * looking for them again: once the file passes the integrity check and its fingerprint (every row of every table,
 * the schema) equals the backup's, SQLite's foreign-key check can only give the answer the backup recorded
 * (docs/architecture.md). Deep verification looks again, and says whether the answer is the recorded one.
 *
 * <p>A file that fails the integrity check while every table holds the backed-up rows has indexes that disagree
 * with its tables, as the source's did when it was backed up. Its indexes are rebuilt from its tables and the file
 * checked again: the data is what the backup holds, and what is derived from it is made anew, with a warning.
 */
final class RestoredDatabaseCheck {

    private static final int INTEGRITY_LINES_QUOTED = 10;
    /** What SQLite says when a schema uses a collation or function it does not have. */
    private static final Pattern APPLICATION_DEFINED = Pattern.compile(
            "(no such collation sequence|unknown function|no such function): ([^\\s()]+)");

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
            ForeignKeys foreignKeysFrom = foreignKeys;
            Measured measured = measure(file, rows, progress);
            if (measured.notRun().isPresent()) {
                requireBackedUpRows(manifest, measured.fingerprint());
                String detail = "not run: the schema uses " + measured.notRun().get() + ", which only the"
                        + " application defines; every table matches the backup's fingerprint, the indexes were not"
                        + " checked";
                checks.add(VerificationCheck.warning("integrity_check", detail));
                warnings.add("SQLite's integrity check was " + detail);
                // SQLite's own foreign-key check may need it too
                foreignKeysFrom = ForeignKeys.AS_RECORDED;
            } else if (measured.integrityHolds()) {
                requireBackedUpRows(manifest, measured.fingerprint());
                checks.add(VerificationCheck.passed("integrity_check", "ok"));
            } else {
                if (!manifest.fingerprint().differencesFrom(measured.fingerprint()).isEmpty()) {
                    throw integrityFailure(measured.integrity(), "");
                }
                // every table holds the backed-up rows, so only what SQLite derives from them can be at fault: the
                // indexes, which a source whose indexes disagree with its tables hands on to every backup of it
                measured = rebuildIndexes(file, measured.integrity(), rows, progress);
                requireBackedUpRows(manifest, measured.fingerprint());
                checks.add(VerificationCheck.warning("integrity_check", "ok after the indexes were rebuilt from the"
                        + " tables; before, the backup's file failed it: " + measured.rebuiltFrom()));
                warnings.add("the backed-up database's indexes disagreed with its tables (SQLite's integrity check: "
                        + measured.rebuiltFrom() + "); they were rebuilt from the tables, which match the backup; the"
                        + " source database likely needs the same: run REINDEX on it");
                // the backup's foreign-key check looked keys up in those indexes: look again
                foreignKeysFrom = ForeignKeys.CHECKED;
            }
            checks.add(VerificationCheck.passed("fingerprint", measured.fingerprint().tables().size() + " tables, "
                    + measured.fingerprint().totalRows() + " rows match the backup"));

            Optional<String> recorded = ForeignKeyViolations.recordedSummary(manifest.warnings());
            if (foreignKeysFrom == ForeignKeys.AS_RECORDED) {
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

    /**
     * What a restored file holds and whether SQLite finds it sound.
     *
     * @param integrity   the integrity check's lines, {@code ok} alone when it passed
     * @param notRun      what the schema uses that this SQLite lacks (an application's collation or function), when
     *                    the integrity check could not run for it
     * @param fingerprint the file's rows and schema
     * @param rebuiltFrom when the indexes were rebuilt, what the integrity check found before, in short; else empty
     */
    private record Measured(List<String> integrity, Optional<String> notRun, Fingerprint fingerprint,
                            String rebuiltFrom) {

        boolean integrityHolds() {
            return integrity.equals(List.of("ok"));
        }
    }

    private static Measured measure(Path file, FileFingerprinter.RowSource rows, Progress progress)
            throws SQLException {
        // SQLite's integrity check is one thread's work, and the longest: it keeps a core, the fingerprint's
        // workers share the others
        BackgroundTask<IntegrityAnswer> integrity = BackgroundTask.start("lifeboat-sqlite-integrity-check",
                () -> integrity(file));
        Fingerprint actual;
        try {
            actual = FileFingerprinter.fingerprintBesideOneThread(file, rows, progress,
                    "fingerprinting the restored database");
        } catch (SQLException | RuntimeException | Error e) {
            integrity.cancel();
            throw e;
        }
        IntegrityAnswer answer = integrity.join();
        if (answer instanceof IntegrityAnswer.NotRun notRun) {
            return new Measured(List.of(), Optional.of(notRun.missing()), actual, "");
        }
        return new Measured(((IntegrityAnswer.Lines) answer).lines(), Optional.empty(), actual, "");
    }

    /** What SQLite's integrity check said. */
    private sealed interface IntegrityAnswer {

        /** Its lines, {@code ok} alone when it passed. */
        record Lines(List<String> lines) implements IntegrityAnswer {
        }

        /** It could not run: the schema uses what only the application defines ("the collation X"). */
        record NotRun(String missing) implements IntegrityAnswer {
        }
    }

    /**
     * Rebuilds every index of the file from its tables ({@code REINDEX}) and measures it again; the tables are
     * not written. Damage REINDEX cannot mend (a page of an index that is not an index page, a full-text index)
     * fails with the integrity check's first answer.
     */
    private static Measured rebuildIndexes(Path file, List<String> failed, FileFingerprinter.RowSource rows,
                                           Progress progress) throws SQLException {
        try (Progress.Task task = progress.start("rebuilding the indexes from the tables", -1, ProgressUnit.ITEMS);
             Connection connection = DatabaseFileConnections.exclusive(file);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA synchronous = FULL");
            statement.execute("REINDEX");
        } catch (SQLException e) {
            throw integrityFailure(failed, "; rebuilding its indexes from its tables failed: "
                    + SqliteFailures.of(e, "rebuilding the indexes", file).getMessage());
        }
        Measured rebuilt = measure(file, rows, progress);
        if (!rebuilt.integrityHolds()) {
            throw integrityFailure(failed, "; after its indexes were rebuilt from its tables: "
                    + String.join("; ", rebuilt.integrity()));
        }
        String before = failed.size() == 1 ? failed.get(0) : failed.get(0) + " and " + (failed.size() - 1)
                + (failed.size() == INTEGRITY_LINES_QUOTED ? " or more" : "") + " other problems";
        return new Measured(rebuilt.integrity(), Optional.empty(), rebuilt.fingerprint(), before);
    }

    private static void requireBackedUpRows(Manifest manifest, Fingerprint actual) {
        List<String> differences = manifest.fingerprint().differencesFrom(actual);
        if (!differences.isEmpty()) {
            throw new VerificationFailedException("the restored database does not match the backup: "
                    + String.join("; ", differences));
        }
    }

    private static VerificationFailedException integrityFailure(List<String> lines, String after) {
        return new VerificationFailedException("the restored database fails SQLite's integrity check: "
                + String.join("; ", lines) + after);
    }

    /**
     * The integrity check's lines; or, when it cannot run because the schema uses a collation or function only the
     * application defines, what that is.
     */
    private static IntegrityAnswer integrity(Path file) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = DatabaseFileConnections.immutable(file);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA integrity_check(" + INTEGRITY_LINES_QUOTED + ")")) {
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
        } catch (SQLException e) {
            Matcher missing = APPLICATION_DEFINED.matcher(String.valueOf(e.getMessage()));
            if (missing.find()) {
                return new IntegrityAnswer.NotRun((missing.group(1).contains("collation") ? "the collation "
                        : "the function ") + missing.group(2));
            }
            throw e;
        }
        return new IntegrityAnswer.Lines(List.copyOf(lines));
    }
}
