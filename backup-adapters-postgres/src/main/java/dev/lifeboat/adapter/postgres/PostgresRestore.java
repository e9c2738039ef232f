package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.catalog.DatabaseSettings;
import dev.lifeboat.adapter.postgres.catalog.SchemaStatement;
import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.error.OperationInterruptedException;
import dev.lifeboat.domain.error.RefusedException;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.spi.PartSource;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RestoreJob;
import dev.lifeboat.domain.spi.RestoreOutcome;
import dev.lifeboat.domain.spi.TargetState;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Restores an archive without ever leaving a half-restored target: the data goes into a scratch database on the
 * target's server, is checked there (row counts, fingerprint, schema), and only then takes the target's name in one
 * transaction. A database it replaces is kept as {@code <name>_before_restore_<time>} unless the user asked to drop
 * it; a failure at any step removes the scratch database and leaves the target as it was.
 */
final class PostgresRestore {

    private final EngineOptions options;
    private final Clock clock;

    PostgresRestore(EngineOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    RestoreOutcome restore(RestoreJob job, PostgresLocation target) {
        String name = target.database();
        String scratch = DatabaseNames.restoreScratch(name);
        List<String> warnings = new ArrayList<>(ArchiveNotes.leftOut(job.manifest()));
        try (ServerDatabases server = new ServerDatabases(target)) {
            TargetState state = server.state(name);
            if (state == TargetState.OCCUPIED && !job.replaceExisting()) {
                throw new RefusedException(target.display() + " already holds data; restore with --overwrite to "
                        + "replace it (the current database is kept under another name)");
            }
            clearLeftover(server, scratch);
            try (DropOnExit cleanup = new DropOnExit(target, scratch)) {
                Loaded loaded = loadAndCheck(server, target, scratch, job.manifest(), job.parts(), job.progress(),
                        warnings, true);
                swap(server, target, scratch, state, job, loaded, warnings);
                warnings.addAll(ArchiveNotes.notRestored(job.manifest(), target.database()));
                return new RestoreOutcome(target.display(), loaded.checks(), warnings);
            }
        } catch (SQLException e) {
            throw PostgresFailures.of(e, "restoring into " + target.display());
        }
    }

    /** Restores into a scratch database on a server, checks it, and drops it: a deep verification. */
    RestoreOutcome restoreToScratch(Manifest manifest, PartSource parts, PostgresLocation server, Progress progress) {
        String scratch = DatabaseNames.verifyScratch(clock);
        List<String> warnings = new ArrayList<>(ArchiveNotes.leftOut(manifest));
        try (ServerDatabases databases = new ServerDatabases(server); DropOnExit cleanup = new DropOnExit(server, scratch)) {
            try {
                Loaded loaded = loadAndCheck(databases, server, scratch, manifest, parts, progress, warnings, false);
                return new RestoreOutcome(server.withDatabase(scratch).display() + " (dropped)", loaded.checks(),
                        warnings);
            } finally {
                dropQuietly(databases, scratch);
            }
        } catch (SQLException e) {
            throw PostgresFailures.of(e, "verifying on " + server.server());
        }
    }

    /** A scratch database left by a restore that crashed; if another restore is using it, that one is running. */
    private static void clearLeftover(ServerDatabases server, String scratch) throws SQLException {
        if (!server.exists(scratch)) {
            return;
        }
        try {
            // a restore still running there keeps its subscriptions; the drop below then says it is running
            if (!server.inUse(scratch)) {
                server.detachSubscriptions(scratch);
            }
            server.drop(scratch);
        } catch (SQLException e) {
            if ("55006".equals(e.getSQLState())) {
                throw new LockedException("another restore to this database is running (its scratch database "
                        + scratch + " is in use); wait for it to finish", e);
            }
            throw e;
        }
    }

    /**
     * A loaded and checked database: the checks it passed, whether the load gave it the source's owner, and its
     * fingerprint as the check measured it.
     */
    private record Loaded(List<VerificationCheck> checks, boolean setsOwner, Fingerprint fingerprint) {
    }

    /**
     * Loads the archive into a new database and checks it; when the database is to replace the target
     * ({@code finish}), then also runs what would have got in the way of the check (see {@link RestoreLoader#afterCheck}).
     */
    private Loaded loadAndCheck(ServerDatabases server, PostgresLocation target, String scratch, Manifest manifest,
                                PartSource parts, Progress progress, List<String> warnings, boolean finish)
            throws SQLException {
        RestoreCheck.requireIntactDescription(manifest.fingerprint(), parts);
        Map<String, String> source = manifest.source().properties();
        Optional<RequiredRoles> roles = RequiredRoles.parse(source);
        if (roles.isPresent()) {
            checkRoles(server, target, roles.get());
        }
        PostgresLocation scratchLocation = target.withDatabase(scratch);
        RestoreLoader loader = RestoreLoader.of(scratchLocation, parts, options, progress);
        checkSettings(server, target, source, loader.databaseStatements());
        server.create(scratch, DatabaseLocale.fromProperties(source));
        try {
            warnings.addAll(loader.load());
            // a deep verification reads every table back, trusting nothing of the load; a restore reads back only
            // the tables that no longer hold exactly the rows it sent (see LoadedTable)
            Map<String, LoadedTable> loaded = finish ? loader.loadedTables() : Map.of();
            AtomicReference<Fingerprint> measured = new AtomicReference<>();
            Supplier<List<VerificationCheck>> check = () -> {
                DatabaseFingerprint.Measured restored = DatabaseFingerprint.measure(scratchLocation, loaded,
                        options.jobs(), progress);
                measured.set(restored.fingerprint());
                return RestoreCheck.compare(manifest.fingerprint(), restored, parts);
            };
            // the planner's statistics, beside the check (ANALYZE changes no row and nothing of the schema); a deep
            // verification's database is dropped, so it needs none
            List<VerificationCheck> checks = finish ? besideAnalyze(loader, check) : check.get();
            // the schema parts were read before the whole archive's check: nothing is replaced until it passed
            parts.requireIntact();
            if (finish) {
                loader.afterCheck();
            }
            return new Loaded(checks, loader.setsOwner(), measured.get());
        } catch (RuntimeException e) {
            dropQuietly(server, scratch);
            throw e;
        }
    }

    /**
     * Runs the check while the loaded tables are analyzed on sessions of their own, and waits for both. When the
     * check fails, ANALYZE is waited for all the same (the scratch database is dropped next) and the check's failure
     * is the one reported.
     */
    private static List<VerificationCheck> besideAnalyze(RestoreLoader loader,
                                                         Supplier<List<VerificationCheck>> check) {
        AtomicReference<RuntimeException> analyzeFailure = new AtomicReference<>();
        Thread analyze = new Thread(() -> {
            try {
                loader.analyze();
            } catch (RuntimeException e) {
                analyzeFailure.set(e);
            }
        }, "lifeboat-analyze");
        analyze.setDaemon(true);
        analyze.start();
        List<VerificationCheck> checks;
        try {
            checks = check.get();
        } finally {
            try {
                analyze.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OperationInterruptedException("the restore was interrupted while analyzing the tables");
            }
        }
        if (analyzeFailure.get() != null) {
            throw analyzeFailure.get();
        }
        return checks;
    }

    /**
     * The database's settings must be ones the target's server knows: a setting a newer PostgreSQL removed or renamed
     * would fail the restore at its last step, after all the data was loaded, so the restore stops before it loads
     * anything, naming them. Nothing is left out silently: a setting changes what every session does. Custom
     * settings ({@code app.tenant}) are any server's.
     */
    private static void checkSettings(ServerDatabases server, PostgresLocation target, Map<String, String> source,
                                      List<SchemaStatement> databaseStatements) throws SQLException {
        List<String> names = databaseStatements.stream().map(DatabaseSettings::name).flatMap(Optional::stream)
                .filter(name -> !DatabaseSettings.custom(name)).distinct().toList();
        if (names.isEmpty()) {
            return;
        }
        List<String> known = server.knownSettings(names).stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
        List<String> unknown = names.stream().filter(name -> !known.contains(name.toLowerCase(Locale.ROOT))).toList();
        if (unknown.isEmpty()) {
            return;
        }
        String major = source.getOrDefault("server-major", "the source's");
        throw new IncompatibleException("the backup gives the database setting" + (unknown.size() == 1 ? " " : "s ")
                + String.join(", ", unknown) + ", which PostgreSQL " + server.versionNum() / 10000 + " at "
                + target.server() + " does not know (a newer release removed or renamed "
                + (unknown.size() == 1 ? "it" : "them") + "); nothing was loaded. Reset "
                + (unknown.size() == 1 ? "it" : "them") + " on the source (ALTER DATABASE ... RESET, ALTER ROLE ... IN"
                + " DATABASE ... RESET) and back up again, or restore onto PostgreSQL " + major);
    }

    /**
     * Roles belong to the server, not to the database: a restore that needs one the target server lacks stops before
     * it loads anything, naming every missing role.
     */
    private void checkRoles(ServerDatabases server, PostgresLocation target, RequiredRoles roles) throws SQLException {
        List<String> needed = roles.needed(options.owners(), options.privileges());
        List<String> missing = new ArrayList<>(needed);
        missing.removeAll(server.existingRoles(needed));
        if (missing.isEmpty()) {
            return;
        }
        boolean definitions = missing.stream().anyMatch(roles::neededByDefinitions);
        throw new IncompatibleException("the backup needs role" + (missing.size() == 1 ? " " : "s ")
                + String.join(", ", missing.stream()
                .map(role -> roles.describe(role, options.owners(), options.privileges())).toList()) + ", which "
                + target.server() + " does not have; nothing was loaded. Create " + (missing.size() == 1 ? "it" : "them")
                + " first (pg_dumpall --roles-only on the source server prints their definitions)"
                + (definitions ? "" : ", or restore with --no-owner and --no-privileges to leave ownership and "
                + "privileges out"));
    }

    /**
     * The scratch database takes the target's name; a replaced database is kept, checked, or dropped. The restored
     * database keeps the owner the load gave it (the source's); when the load left ownership out, it takes the
     * owner of the database it replaces, as the application's role expects.
     */
    private void swap(ServerDatabases server, PostgresLocation target, String scratch, TargetState state,
                      RestoreJob job, Loaded restored, List<String> warnings) throws SQLException {
        Optional<Fingerprint> targetAsSaved = job.targetAsSaved();
        Progress progress = job.progress();
        String name = target.database();
        if (state == TargetState.ABSENT) {
            renameOrDrop(server, scratch, List.<String[]>of(new String[] {scratch, name}));
            return;
        }
        String previous = DatabaseNames.previous(name, clock);
        Optional<String> owner = server.owner(name);
        renameOrDrop(server, scratch, List.of(new String[] {name, previous}, new String[] {scratch, name}));
        if (targetAsSaved.isPresent()) {
            Fingerprint now = DatabaseFingerprint.of(target.withDatabase(previous), options.jobs(),
                    checking(progress, previous));
            if (!targetAsSaved.get().differencesFrom(now).isEmpty()) {
                putBack(server, target, previous, restored.fingerprint(), progress);
            }
        }
        // the restored database has the source's owner, unless ownership was left out: then the replaced one's
        if (owner.isPresent() && !restored.setsOwner()) {
            try {
                server.setOwner(name, owner.get());
            } catch (SQLException e) {
                warnings.add("the restored database is owned by " + target.user() + ", not by " + owner.get()
                        + " as the one it replaced was (" + PostgresFailures.serverMessage(e) + ")");
            }
        }
        // an empty target has no safety backup: what was written to it during the restore is in it alone
        Optional<String> keptBecause = state == TargetState.EMPTY ? notEmptyNow(server, previous) : Optional.empty();
        if (keptBecause.isPresent()) {
            warnings.add(name + " held nothing when the restore began, but " + keptBecause.get() + ": that database is "
                    + "kept as " + previous + "; look at what it holds, then drop it");
        } else if (state == TargetState.EMPTY || options.dropPrevious()) {
            try {
                server.drop(previous);
            } catch (SQLException e) {
                // the restore is done: a database that cannot go (a subscription of its own keeps it) stays
                warnings.add("the database that was replaced is kept as " + previous + ": it could not be dropped ("
                        + PostgresFailures.serverMessage(e) + ")");
            }
        } else {
            warnings.add("the database that was replaced is kept as " + previous + "; drop it when you no longer need"
                    + " it (or restore with --drop-previous)");
        }
    }

    /**
     * The replaced database changed after its safety backup: it takes its name back and the restore is refused. The
     * restored database is moved aside under a name of its own in the same transaction, then read again: dropped
     * if nothing was written to it in the moments it held the name, else kept, and the user told where it is. A
     * session that writes to it cannot come after the rename, which only applications that know the new name reach.
     */
    private void putBack(ServerDatabases server, PostgresLocation target, String previous, Fingerprint restored,
                         Progress progress) throws SQLException {
        String name = target.database();
        String aside = DatabaseNames.restoredAside(name, clock);
        try {
            server.rename(List.of(new String[] {name, aside}, new String[] {previous, name}));
        } catch (SQLException | LifeboatException e) {
            // both databases stay as they are: say where each is, not that nothing changed
            throw new LockedException(target.display() + " changed after its safety backup was taken, and "
                    + "putting it back failed (a session connected to the restored one meanwhile, or the "
                    + "server refused: --verbose says which): " + name + " now holds the restored data, and "
                    + "the database that changed is " + previous + "; look at both before you drop either", e);
        }
        boolean writtenTo;
        try {
            Fingerprint now = DatabaseFingerprint.of(target.withDatabase(aside), options.jobs(),
                    checking(progress, aside));
            writtenTo = !restored.differencesFrom(now).isEmpty();
        } catch (RuntimeException e) {
            // what cannot be read again may have been written to: it stays
            writtenTo = true;
        }
        if (writtenTo) {
            throw new LockedException(target.display() + " changed after its safety backup was taken, so it was "
                    + "put back, not replaced (nothing written to it is lost). The restored database had been "
                    + "written to as well in the moments it held the name: it is kept as " + aside + ", so that "
                    + "nothing written to it is lost either; look at it, then drop it");
        }
        dropQuietly(server, aside);
        throw new LockedException(target.display() + " changed after its safety backup was taken, so it was "
                + "not replaced (nothing written to it is lost); restore again when nothing writes to it");
    }

    /** A progress that names the database a step reads. */
    private static Progress checking(Progress progress, String database) {
        return (activity, total, unit) -> progress.start("checking " + database + ": " + activity, total, unit);
    }

    /** Why a database that was empty when the restore began must be kept now; empty when it is empty still. */
    private static Optional<String> notEmptyNow(ServerDatabases server, String database) {
        try {
            return server.state(database) == TargetState.EMPTY ? Optional.empty()
                    : Optional.of("something was written to it meanwhile");
        } catch (SQLException e) {
            return Optional.of("it could not be looked at again (" + PostgresFailures.serverMessage(e) + ")");
        }
    }

    private static void renameOrDrop(ServerDatabases server, String scratch, List<String[]> renames)
            throws SQLException {
        try {
            server.rename(renames);
        } catch (SQLException | RuntimeException e) {
            dropQuietly(server, scratch);
            throw e;
        }
    }

    private static void dropQuietly(ServerDatabases server, String scratch) {
        try {
            server.dropOwn(scratch);
        } catch (SQLException | LifeboatException e) {
            // the scratch database is named for its target, so the next restore removes it
        }
    }
}
