package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.model.DatabaseDescription;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.DatabaseEngine;
import dev.lifeboat.domain.spi.DatabaseSummary;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.Recognition;
import dev.lifeboat.domain.spi.RestoreJob;
import dev.lifeboat.domain.spi.RestoreOutcome;
import dev.lifeboat.domain.spi.ScratchRestoreJob;
import dev.lifeboat.domain.spi.SqlExport;
import dev.lifeboat.domain.spi.TargetState;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQLite engine. A backup is one part, {@code database.sqlite}: the database file as of one moment, so the
 * archive holds the file byte for byte (page size, encoding, journal mode, rowids, even foreign-key violations). The
 * moment is the live file itself when a held read transaction is proven to keep it unchanged (always in
 * rollback-journal mode, and in WAL mode when the log is all checkpointed), and otherwise a copy made with SQLite's
 * online backup API; the manifest's {@code snapshot} property says which ({@code file} or {@code backup-api}). In
 * rollback-journal mode writers wait while the file is read and fingerprinted, or while the backup API copies it.
 * A restore writes that file beside the target, checks it, and renames it into place.
 *
 * <p>Locations: {@code sqlite:/srv/app.db}, {@code sqlite:///srv/app.db}, {@code sqlite3:...}, {@code
 * jdbc:sqlite:/srv/app.db}, or a bare path to a file that starts with the SQLite header. The source is opened
 * read-only and never created, and its content is never changed; like {@code sqlite3 -readonly}, reading a WAL
 * database may leave empty {@code -wal} and {@code -shm} files beside it.
 */
public final class SqliteEngine implements DatabaseEngine {

    static final String ID = "sqlite";

    public SqliteEngine() {
        // found by ServiceLoader
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "SQLite";
    }

    @Override
    public List<String> locationExamples() {
        return List.of("/srv/app.db", "sqlite:/srv/app.db", "sqlite:///srv/app.db", "jdbc:sqlite:/srv/app.db");
    }

    /**
     * {@inheritDoc}
     *
     * <p>A location with a SQLite scheme that names no usable file ({@code sqlite::memory:}, query parameters,
     * nothing after the scheme) is the user's typing, and fails as such; a bare path that does is only unusable, as
     * it may be another engine's.
     */
    @Override
    public Recognition recognize(DatabaseLocation location) {
        Optional<SqliteLocation> parsed;
        try {
            parsed = SqliteLocation.parse(location);
        } catch (InvalidUsageException e) {
            if (location.scheme().isPresent()) {
                throw e;
            }
            return Recognition.unusable(e.getMessage());
        }
        if (parsed.isEmpty()) {
            return Recognition.notRecognized();
        }
        try {
            // a scheme says SQLite, but the file must still be there: finding out after a repository was created
            // for its backup is too late
            return DatabaseFile.problem(parsed.get()).map(Recognition::unusable).orElse(Recognition.recognized());
        } catch (SecurityException e) {
            return Recognition.unusable("cannot look at " + parsed.get().written() + ": " + e.getMessage());
        }
    }

    @Override
    public Optional<String> databaseName(DatabaseLocation location) {
        return SqliteLocation.parse(location).map(SqliteLocation::databaseName);
    }

    @Override
    public DatabaseSummary summarize(DatabaseLocation location) {
        SqliteLocation source = SqliteLocation.require(location);
        Path file = DatabaseFile.requireDatabase(source);
        try (Connection connection = DatabaseFileConnections.readOnly(file)) {
            DatabaseFacts facts = DatabaseFacts.read(connection);
            // a backup may have to copy the database into a snapshot file beside the archive (when the live file
            // cannot be proven to be the snapshot, which is known only once it starts): its pages, log included
            return new DatabaseSummary(source.databaseName(), Describer.liveSize(facts, source), facts.mainFileBytes());
        } catch (SQLException e) {
            throw SqliteFailures.of(e, "reading the size of " + source.written(), source.written());
        } catch (IOException e) {
            throw SqliteFailures.of(e, "reading the size of " + source.written());
        }
    }

    /** Read without creating anything beside the file (no -wal, no -shm): a restore asks it of its target. */
    @Override
    public Map<String, String> schemaVersion(DatabaseLocation location) {
        DatabaseFile.requireDatabase(SqliteLocation.require(location));
        return RestoreTarget.of(location).schemaVersion();
    }

    @Override
    public DatabaseDescription describe(DatabaseLocation location) {
        SqliteLocation source = SqliteLocation.require(location);
        Path file = DatabaseFile.requireDatabase(source);
        try (Connection connection = DatabaseFileConnections.readOnly(file)) {
            connection.setAutoCommit(false);
            DatabaseDescription description = Describer.describeLive(connection, source);
            connection.rollback();
            return description;
        } catch (SQLException e) {
            throw SqliteFailures.of(e, "describing " + source.written(), source.written());
        } catch (IOException e) {
            throw SqliteFailures.of(e, "describing " + source.written());
        }
    }

    @Override
    public EngineBackup backup(BackupJob job) {
        requireNoOptions(job.options());
        return SnapshotBackup.run(job, SqliteLocation.require(job.source()));
    }

    @Override
    public TargetState probeTarget(DatabaseLocation target) {
        return RestoreTarget.of(target).probe();
    }

    @Override
    public RestoreOutcome restore(RestoreJob job) {
        requireNoOptions(job.options());
        return TargetReplacement.restore(job);
    }

    @Override
    public RestoreOutcome restoreToScratch(ScratchRestoreJob job) {
        requireNoOptions(job.options());
        return ScratchRestore.restore(job);
    }

    @Override
    public Fingerprint fingerprint(DatabaseLocation location, Progress progress) {
        SqliteLocation source = SqliteLocation.require(location);
        Path file = DatabaseFile.requireDatabase(source);
        try (Connection connection = DatabaseFileConnections.readOnly(file)) {
            // one read transaction, so every table comes from the same moment
            connection.setAutoCommit(false);
            Fingerprint fingerprint = Fingerprinter.fingerprint(connection, progress, "fingerprinting tables");
            connection.rollback();
            return fingerprint;
        } catch (SQLException e) {
            throw SqliteFailures.of(e, "fingerprinting " + source.written(), source.written());
        }
    }

    /** A backup as a script for {@code sqlite3 NEW.db < FILE}: see {@link SqliteExport}. */
    @Override
    public Optional<SqlExport> sqlExport() {
        return Optional.of(new SqliteExport());
    }

    private static void requireNoOptions(Map<String, String> options) {
        if (!options.isEmpty()) {
            throw new InvalidUsageException("the SQLite engine takes no options, but was given "
                    + String.join(", ", options.keySet()));
        }
    }
}
