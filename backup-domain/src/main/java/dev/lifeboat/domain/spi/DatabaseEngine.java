package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.model.DatabaseDescription;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Fingerprint;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The extension point for database engines: everything lifeboat needs from one kind of database.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}: an engine module lists its class in
 * {@code META-INF/services/dev.lifeboat.domain.spi.DatabaseEngine} and gives it a public no-argument
 * constructor. An engine never sees tar, compression or checksums: it writes named parts to a {@link PartSink} and
 * reads them back from a {@link PartSource}. It reports failures as {@code dev.lifeboat.domain.error} exceptions,
 * never as SQLException or IOException. Every engine module extends the contract test shipped in this module's
 * test-jar ({@code DatabaseEngineContract}).
 */
public interface DatabaseEngine {

    /** {@return a lower-case URL scheme that names the engine: {@code sqlite}, {@code postgresql}} */
    String id();

    /** {@return the engine's name for people: {@code SQLite}} */
    String displayName();

    /** {@return examples of the locations the engine accepts, for help text} */
    List<String> locationExamples();

    /**
     * The options this engine takes ({@code jobs}, {@code no-owner}, ...), each with its type, default, help text,
     * the commands that take it and its command-line aliases: the command line offers them, the configuration file's
     * {@code [databases.NAME.options]} sets them, and {@link EngineOptionValues} checks every value against them
     * before a job reaches the engine, so an engine sees only options it declared, normalized. None by default.
     * An option named {@value #LOCK_TIMEOUT_OPTION} (a {@link EngineOptionType#DURATION duration} for
     * {@link EngineCommand#BACKUP}) is also set from the user's general lock timeout.
     *
     * @return the engine's option declarations, each name once, in the order {@code lifeboat engines} lists them;
     *         empty for an engine that takes none
     */
    default List<EngineOption> options() {
        return List.of();
    }

    /**
     * The name of the option that receives the user's general lock timeout ({@code --lock-timeout}), for engines
     * that wait for locks inside the database and declare it.
     */
    String LOCK_TIMEOUT_OPTION = "lock-timeout";

    /**
     * Whether this engine handles a location: by its scheme, or for a bare path by looking at the file. Must be
     * cheap. A location of this engine's kind that cannot be used (a missing file, a file that is not a database)
     * is {@link Recognition#unusable unusable}, with the reason, so the user hears what is wrong.
     *
     * @param location the location as the user gave it
     * @return whether it is this engine's, and when it is but cannot be used, why
     * @throws dev.lifeboat.domain.error.InvalidUsageException only for a location with this engine's scheme that is
     *         malformed (the user's typing, exit 2); nothing else is thrown
     */
    Recognition recognize(DatabaseLocation location);

    /**
     * The name and size of a database, cheaply: without counting rows or reading data. A backup needs them before it
     * starts (archive name, free-space check), and describing can cost a scan of every table.
     *
     * @param location a location this engine recognized
     * @return the database's name and sizes
     * @throws dev.lifeboat.domain.error.UnavailableException when it cannot be reached or is not a database
     */
    DatabaseSummary summarize(DatabaseLocation location);

    /**
     * Describes a database without changing it, row counts included.
     *
     * @param location a location this engine recognized
     * @return the database's tables, row counts, schema version and server
     * @throws dev.lifeboat.domain.error.UnavailableException when it cannot be reached or is not a database
     */
    DatabaseDescription describe(DatabaseLocation location);

    /**
     * Takes a consistent backup, writing its parts to the job's sink, and returns the description and the
     * fingerprint of exactly the data written.
     *
     * @param job the database, the sink for its parts, scratch space and options
     * @return the description and fingerprint of the backed-up snapshot, with any warnings
     */
    EngineBackup backup(BackupJob job);

    /**
     * What identifies the schema version of a database, as {@link #describe} records it under
     * {@code schemaVersion} ({@code user_version}, the newest Flyway or Liquibase migration); an engine overrides
     * this where describing costs more than reading those few values.
     *
     * @param location a location this engine recognized
     * @return the values that identify the schema version, empty when the database has none
     * @throws dev.lifeboat.domain.error.UnavailableException when it cannot be reached or is not a database
     */
    default Map<String, String> schemaVersion(DatabaseLocation location) {
        return describe(location).schemaVersion();
    }

    /**
     * The name a database's backups are filed under (the {@code <database>} of their names and the manifest's
     * {@code source.database}), when the location alone says it without reaching the database: the file name without
     * its extension, the database of a URL. {@code check --all} finds a configured database's backups by it, whatever
     * the configuration calls the database. Empty when only {@link #describe} can tell.
     *
     * @param location a location this engine recognized
     * @return the name, empty when the location alone does not say it (the default)
     */
    default Optional<String> databaseName(DatabaseLocation location) {
        return Optional.empty();
    }

    /**
     * What a restore would find at a target.
     *
     * @param target the restore's target
     * @return whether it is absent, empty or occupied
     * @throws dev.lifeboat.domain.error.LockedException when another connection is using the target
     */
    TargetState probeTarget(DatabaseLocation target);

    /**
     * Restores an archive's parts to a target, all or nothing: the data is checked (integrity, fingerprint) before it
     * replaces anything, and any failure leaves the target exactly as it was.
     *
     * @param job the archive's manifest and parts, the target and options
     * @return the target and the checks that passed
     */
    RestoreOutcome restore(RestoreJob job);

    /**
     * Restores an archive's parts into a scratch place, checks the result as {@link #restore} would, and removes
     * the scratch copy: the deep verification of a backup.
     *
     * @param job the archive's manifest and parts, scratch space and options
     * @return the checks that passed
     */
    RestoreOutcome restoreToScratch(ScratchRestoreJob job);

    /**
     * Computes a database's fingerprint, for comparing a live database with a backup.
     *
     * @param location a location this engine recognized
     * @param progress where to report progress
     * @return the fingerprint, computed as a backup of the same data would compute it
     * @throws dev.lifeboat.domain.error.UnavailableException when it cannot be reached or is not a database
     */
    Fingerprint fingerprint(DatabaseLocation location, Progress progress);

    /** {@return writing an archive as a plain SQL script, when this engine can; empty when it cannot (the default)} */
    default Optional<SqlExport> sqlExport() {
        return Optional.empty();
    }
}
