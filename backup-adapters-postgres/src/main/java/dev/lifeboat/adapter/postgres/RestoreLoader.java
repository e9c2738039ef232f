package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.catalog.QualifiedName;
import dev.lifeboat.adapter.postgres.catalog.RestoreNotes;
import dev.lifeboat.adapter.postgres.catalog.SchemaStatement;
import dev.lifeboat.adapter.postgres.catalog.StatementKind;
import dev.lifeboat.adapter.postgres.catalog.StatementPhase;
import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.spi.PartSource;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.ProgressUnit;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Loads an archive into an empty database, in pg_restore's order: pre-data in one transaction; the tables' rows by
 * {@code --jobs} parallel COPY, each table's indexes and keys built beside the other loads as soon as its rows are in
 * ({@link RestoreWork#schedule}); large objects; sequence values; foreign keys, in parallel too; triggers, rules,
 * policies and the rest; materialized views refreshed; event triggers (disabled); the database's own settings,
 * comment, privileges and owner; then ANALYZE ({@link #analyze}), which a restore runs beside its check.
 * What would get in the way of checking the result waits for {@link #afterCheck}. The first statement that fails
 * stops the load with the object, the server's message and the statement (never a statement that holds a secret):
 * never a success with errors.
 *
 * <p>About 350 lines after the wording of refused statements ({@link RestoreStatementFailures}), the parallel
 * sessions ({@link SessionWorker}) and the schedule of loads and builds ({@link RestoreWork}) moved out: what remains
 * is the order of the load, and splitting it further would scatter that one sequence, which must match pg_restore's,
 * over several files.
 */
final class RestoreLoader {

    private static final int DEADLOCK_ATTEMPTS = 3;
    private static final String PARENTS_OF_FOREIGN_TABLES = "WITH RECURSIVE below(parent, child) AS ("
            + "SELECT i.inhparent, i.inhrelid FROM pg_catalog.pg_inherits i UNION "
            + "SELECT b.parent, i.inhrelid FROM below b JOIN pg_catalog.pg_inherits i ON i.inhparent = b.child) "
            + "SELECT DISTINCT n.nspname, p.relname FROM below b JOIN pg_catalog.pg_class f ON f.oid = b.child "
            + "JOIN pg_catalog.pg_class p ON p.oid = b.parent JOIN pg_catalog.pg_namespace n ON n.oid = p.relnamespace "
            + "WHERE f.relkind = 'f'";

    private final PostgresLocation database;
    private final PartSource parts;
    private final EngineOptions options;
    private final Progress progress;
    private final List<SchemaStatement> preData;
    private final List<SchemaStatement> postData;
    private final Map<String, LoadedTable> loaded = new ConcurrentHashMap<>();
    private List<DataScript.Entry> data = List.of();

    private RestoreLoader(PostgresLocation database, PartSource parts, EngineOptions options, Progress progress,
                          List<SchemaStatement> preData, List<SchemaStatement> postData) {
        this.database = database;
        this.parts = parts;
        this.options = options;
        this.progress = progress;
        this.preData = preData;
        this.postData = postData;
    }

    /**
     * Reads the archive's schema parts, the statements the options leave in, to load them into {@code database}
     * (which need not exist yet: what the statements ask of the server can be checked first).
     */
    static RestoreLoader of(PostgresLocation database, PartSource parts, EngineOptions options, Progress progress) {
        try {
            return new RestoreLoader(database, parts, options, progress,
                    selected(read(parts, ArchiveLayout.PRE_DATA), options),
                    selected(read(parts, ArchiveLayout.POST_DATA), options));
        } catch (IOException e) {
            throw PostgresFailures.of(e, "reading the schema of the archive");
        }
    }

    /**
     * The statements about the database itself (settings, comment, privileges, owner), for a check of its settings
     * against the target's server before the load.
     */
    List<SchemaStatement> databaseStatements() {
        return postData.stream().filter(statement -> statement.phase() == StatementPhase.DATABASE).toList();
    }

    /**
     * Loads the archive, all but what would get in the way of checking it ({@link StatementPhase#AFTER_CHECK}, see
     * {@link #afterCheck}) and the planner's statistics ({@link #analyze}).
     *
     * @return what the user must know about what was brought back (see {@link RestoreNotes})
     */
    List<String> load() {
        List<String> notes = new ArrayList<>();
        // every phase's sessions are the same: pre-data's is the first load's, the loads' are the keys' and the rest's
        try (SessionPool sessions = new SessionPool(this::openSession)) {
            try (InputStream in = parts.openBeforeArchiveCheck(DataScript.PART_NAME)) {
                data = DataScript.read(in);
            }
            sessions.with(connection -> runInOneTransaction(connection, preData));
            List<SchemaStatement> indexes = phase(postData, StatementPhase.INDEXES);
            loadDataAndBuildIndexes(sessions, data, objects(indexes));
            loadLargeObjects(sessions);
            for (StatementPhase phase : StatementPhase.values()) {
                if (phase == StatementPhase.PRE_DATA || phase == StatementPhase.AFTER_CHECK) {
                    continue;
                }
                List<SchemaStatement> statements = phase == StatementPhase.INDEXES ? indexes : phase(postData, phase);
                if (phase == StatementPhase.FOREIGN_KEYS) {
                    runInParallel(sessions, "adding foreign keys", statements);
                } else if (phase != StatementPhase.INDEXES) {
                    sessions.with(connection -> runSerially(connection, statements));
                }
                statements.forEach(statement -> RestoreNotes.after(statement).ifPresent(notes::add));
            }
            return notes;
        } catch (SQLException e) {
            throw PostgresFailures.of(e, "restoring into " + database.display());
        } catch (IOException e) {
            throw PostgresFailures.of(e, "restoring into " + database.display());
        }
    }

    /**
     * Once the loaded database has been checked, and only when it is to take the target's name: switches its event
     * triggers on as the source had them and sets its connection limit. A deep verification never calls this.
     */
    void afterCheck() {
        List<SchemaStatement> statements = phase(postData, StatementPhase.AFTER_CHECK);
        if (statements.isEmpty()) {
            return;
        }
        try (Connection connection = openSession()) {
            runSerially(connection, statements);
        } catch (SQLException e) {
            throw PostgresFailures.of(e, "restoring into " + database.display());
        }
    }

    /** What {@link #load} sent into each table, by its COPY target ({@code "s"."t" ("a", "b")}). */
    Map<String, LoadedTable> loadedTables() {
        return Map.copyOf(loaded);
    }

    /** Whether the load gave the database an owner of its own (the source's), rather than leaving it to the restorer. */
    boolean setsOwner() {
        return databaseStatements().stream().anyMatch(statement -> statement.kind() == StatementKind.OWNER);
    }

    /**
     * A schema part, read before the whole archive's check: it is small, the scratch database is all it changes, and
     * the restore waits for the check before the database replaces anything ({@link PartSource#requireIntact}).
     */
    private static List<SchemaStatement> read(PartSource parts, String partName) throws IOException {
        try (InputStream in = parts.openBeforeArchiveCheck(partName)) {
            return SchemaFile.read(in, partName);
        }
    }

    /** Leaves out ownership and privileges when the user asked to. */
    private static List<SchemaStatement> selected(List<SchemaStatement> statements, EngineOptions options) {
        return statements.stream()
                .filter(statement -> options.owners() || statement.kind() != StatementKind.OWNER)
                .filter(statement -> options.privileges() || statement.kind() != StatementKind.PRIVILEGE)
                .toList();
    }

    /**
     * The statements of one phase. Those about the database itself name it {@code :"DBNAME"}, as psql would fill in
     * for the database it is connected to; here that is the database being loaded.
     */
    private List<SchemaStatement> phase(List<SchemaStatement> statements, StatementPhase phase) {
        return statements.stream().filter(statement -> statement.phase() == phase)
                .map(statement -> phase.namesDatabase() ? statement.inDatabase(database.database()) : statement)
                .toList();
    }

    /** A session with the dump's settings, so values are read exactly as they were written; bodies unchecked. */
    private Connection openSession() throws SQLException {
        Connection connection = ServerConnections.open(database);
        try (Statement statement = connection.createStatement()) {
            ServerConnections.applyDumpSettings(connection);
            statement.execute("SET check_function_bodies = false");
            // a session after the database's settings were applied would take default_transaction_read_only = on
            statement.execute("SET default_transaction_read_only = off");
            return connection;
        } catch (SQLException e) {
            ServerConnections.closeQuietly(connection);
            throw e;
        }
    }

    private void runInOneTransaction(Connection connection, List<SchemaStatement> statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN");
            runSerially(connection, statements);
            statement.execute("COMMIT");
        }
    }

    private void runSerially(Connection connection, List<SchemaStatement> statements) {
        try (Progress.Task task = progress.start("creating schema", statements.size(), ProgressUnit.ITEMS);
             Statement statement = connection.createStatement()) {
            long done = 0;
            for (SchemaStatement schemaStatement : statements) {
                execute(statement, schemaStatement);
                task.update(++done);
            }
        } catch (SQLException e) {
            throw PostgresFailures.of(e, "restoring into " + database.display());
        }
    }

    /**
     * Runs a phase's objects on parallel sessions. An object is its defining statement with the comments, owner and
     * privileges that follow it, run in order on one session. Two objects can still wait on each other's locks (an
     * index on a partitioned table and a key on one of its partitions, two foreign keys between the same two tables);
     * the server then cancels one as a deadlock, and it is run again.
     */
    private void runInParallel(SessionPool sessions, String activity, List<SchemaStatement> statements) {
        List<List<SchemaStatement>> objects = objects(statements);
        try (Progress.Task task = progress.start(activity, objects.size(), ProgressUnit.ITEMS)) {
            AtomicLong done = new AtomicLong();
            WorkerPool.run("restore", options.jobs(), objects, () -> SessionWorker.borrowing(sessions,
                    (statement, object) -> {
                        runObject(statement, object);
                        task.update(done.incrementAndGet());
                    }), this::failure);
        }
    }

    /** A phase's statements as objects: each definition with the comments, owner and privileges that follow it. */
    private static List<List<SchemaStatement>> objects(List<SchemaStatement> statements) {
        List<List<SchemaStatement>> objects = new ArrayList<>();
        for (SchemaStatement statement : statements) {
            if (statement.kind() == StatementKind.DEFINITION || objects.isEmpty()) {
                objects.add(new ArrayList<>());
            }
            objects.get(objects.size() - 1).add(statement);
        }
        return objects;
    }

    private static void runObject(Statement statement, List<SchemaStatement> object) {
        for (SchemaStatement item : object) {
            executeRetryingDeadlocks(statement, item);
        }
    }

    private static void executeRetryingDeadlocks(Statement statement, SchemaStatement schemaStatement) {
        for (int attempt = 1; ; attempt++) {
            try {
                statement.execute(schemaStatement.sql());
                return;
            } catch (SQLException e) {
                if (!"40P01".equals(e.getSQLState()) || attempt == DEADLOCK_ATTEMPTS) {
                    throw RestoreStatementFailures.of(schemaStatement, e);
                }
            }
        }
    }

    private static void execute(Statement statement, SchemaStatement schemaStatement) {
        try {
            statement.execute(schemaStatement.sql());
        } catch (SQLException e) {
            throw RestoreStatementFailures.of(schemaStatement, e);
        }
    }

    /** Loads every table's rows and builds the indexes and keys of phase INDEXES, on parallel sessions. */
    private void loadDataAndBuildIndexes(SessionPool sessions, List<DataScript.Entry> entries,
                                         List<List<SchemaStatement>> builds) {
        Map<String, Long> sizes = parts.parts().stream()
                .collect(Collectors.toMap(PartInfo::name, PartInfo::rawSize, (first, second) -> first));
        DependencyQueue<RestoreWork> queue = RestoreWork.schedule(entries, sizes, builds);
        try (Progress.Task task = progress.start(builds.isEmpty() ? "loading tables"
                : "loading tables, building indexes", queue.size(), ProgressUnit.ITEMS)) {
            AtomicLong done = new AtomicLong();
            WorkerPool.run("restore", options.jobs(), queue, () -> SessionWorker.borrowing(sessions,
                    (statement, work) -> {
                        if (work instanceof RestoreWork.Load load) {
                            loadTable(statement.getConnection(), load.entry());
                        } else if (work instanceof RestoreWork.Build build) {
                            runObject(statement, build.statements());
                        }
                        task.update(done.incrementAndGet());
                    }), this::failure);
        }
    }

    /**
     * The large objects, when the archive has them: after the rows, before the foreign keys and the rest, as pg_restore
     * loads them (it builds indexes after them, which need none of them).
     */
    private void loadLargeObjects(SessionPool sessions) throws SQLException, IOException {
        Optional<PartInfo> part = parts.parts().stream()
                .filter(info -> info.name().equals(ArchiveLayout.LARGE_OBJECTS)).findFirst();
        if (part.isPresent()) {
            sessions.with(connection -> {
                try (InputStream in = parts.open(ArchiveLayout.LARGE_OBJECTS)) {
                    LargeObjectsIn.load(connection, in, part.get().rawSize(), options.owners(), options.privileges(),
                            progress);
                }
            });
        }
    }

    private void loadTable(Connection connection, DataScript.Entry entry) throws SQLException, IOException {
        try (InputStream rows = parts.open(entry.partName())) {
            LoadedTable.copyIn(connection, entry.copyTarget(), rows)
                    .ifPresent(sent -> loaded.put(entry.copyTarget(), sent));
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("08") || state.startsWith("57P") || state.equals("53100")) {
                throw e;
            }
            throw new IncompatibleException("loading the rows of " + entry.copyTarget() + " failed: "
                    + PostgresFailures.serverMessage(e), e);
        }
    }

    /**
     * After {@link #load}, analyzes the loaded tables so that the planner has statistics from the start, but not a
     * table with a foreign table below it in an inheritance tree: analyzing a parent samples its children too, and a
     * foreign child would have its wrapper reach the remote server during the restore (or fail, when the wrapper has
     * no handler). Autovacuum analyzes those later, as it would on the source. ANALYZE changes no row and nothing of
     * the schema, so a restore runs it beside its check; its sessions take the database's own settings (a
     * {@code default_statistics_target} set on it), as autovacuum's would.
     */
    void analyze() {
        // the session that asks for the parents of foreign tables is the first ANALYZE's
        try (SessionPool sessions = new SessionPool(this::openSession)) {
            List<String> aboveForeign = new ArrayList<>();
            sessions.with(connection -> {
                try (Statement statement = connection.createStatement();
                     ResultSet result = statement.executeQuery(PARENTS_OF_FOREIGN_TABLES)) {
                    while (result.next()) {
                        aboveForeign.add(new QualifiedName(result.getString(1), result.getString(2)).quoted());
                    }
                }
            });
            List<String> targets = data.stream().map(entry -> entry.table().quoted())
                    .filter(table -> !aboveForeign.contains(table)).toList();
            WorkerPool.run("analyze", options.jobs(), targets, () -> SessionWorker.borrowing(sessions,
                    (statement, table) -> statement.execute("ANALYZE " + table)), this::failure);
        } catch (SQLException e) {
            throw PostgresFailures.of(e, "restoring into " + database.display());
        } catch (IOException e) {
            throw PostgresFailures.of(e, "restoring into " + database.display());
        }
    }

    private LifeboatException failure(Exception failure) {
        return PostgresFailures.translate(failure, "restoring into " + database.display());
    }
}
