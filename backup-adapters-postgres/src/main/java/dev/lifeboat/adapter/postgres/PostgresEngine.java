package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.catalog.SchemaOptions;
import dev.lifeboat.adapter.postgres.catalog.SchemaReader;
import dev.lifeboat.adapter.postgres.catalog.TableData;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.DatabaseDescription;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.Secret;
import dev.lifeboat.domain.model.TableInfo;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.DatabaseEngine;
import dev.lifeboat.domain.spi.DatabaseSummary;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.EngineOption;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.Recognition;
import dev.lifeboat.domain.spi.RestoreJob;
import dev.lifeboat.domain.spi.RestoreOutcome;
import dev.lifeboat.domain.spi.ScratchRestoreJob;
import dev.lifeboat.domain.spi.SqlExport;
import dev.lifeboat.domain.spi.TargetState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The PostgreSQL engine: backs up through the driver alone (no pg_dump, so no "server version mismatch"), from one
 * consistent snapshot, with the schema read from the catalogs and each table's rows as text COPY; restores into a
 * scratch database that takes the target's name only once it is proven equal to the backup.
 */
public final class PostgresEngine implements DatabaseEngine {

    static final String ID = "postgresql";

    private final PgEnvironment environment;
    private final Clock clock;
    private final Map<String, Secret> knownPasswords = new ConcurrentHashMap<>();

    public PostgresEngine() {
        this(PgEnvironment.ofProcess(), Clock.systemUTC());
    }

    PostgresEngine(PgEnvironment environment, Clock clock) {
        this.environment = environment;
        this.clock = clock;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "PostgreSQL";
    }

    @Override
    public List<String> locationExamples() {
        return List.of("postgresql://USER@HOST:5432/DATABASE", "postgres://USER@HOST/DATABASE?sslmode=require",
                "jdbc:postgresql://HOST:5432/DATABASE?user=USER");
    }

    @Override
    public List<EngineOption> options() {
        return EngineOptions.DECLARED;
    }

    @Override
    public Recognition recognize(DatabaseLocation location) {
        if (!PostgresLocation.hasPostgresScheme(location)) {
            return Recognition.notRecognized();
        }
        PostgresLocation.parse(location, environment);
        return Recognition.recognized();
    }

    @Override
    public DatabaseSummary summarize(DatabaseLocation location) {
        PostgresLocation database = locate(location);
        try (Connection connection = ServerConnections.open(database)) {
            ServerFacts facts = ServerFacts.read(connection);
            return new DatabaseSummary(database.database(), facts.sizeBytes(), 0);
        } catch (SQLException e) {
            throw PostgresFailures.of(e, "reading " + database.display());
        }
    }

    @Override
    public Map<String, String> schemaVersion(DatabaseLocation location) {
        PostgresLocation database = locate(location);
        try (Connection connection = ServerConnections.open(database)) {
            return ServerFacts.schemaVersion(connection);
        } catch (SQLException e) {
            throw PostgresFailures.of(e, "reading the schema version of " + database.display());
        }
    }

    @Override
    public DatabaseDescription describe(DatabaseLocation location) {
        PostgresLocation database = locate(location);
        try (SnapshotSession session = SnapshotSession.begin(database)) {
            Connection connection = session.leader();
            ServerFacts facts = ServerFacts.read(connection);
            List<TableInfo> tables = new ArrayList<>();
            for (TableData table : new SchemaReader(connection, SchemaOptions.all()).read().tables()) {
                tables.add(new TableInfo(table.table().display(), countRows(connection, table)));
            }
            Map<String, String> properties = new java.util.TreeMap<>(facts.properties());
            properties.put("estimated-rows", Long.toString(estimatedRows(connection)));
            return DatabaseDescription.of(ID, facts.serverVersion(), database.database(), database.display(),
                    facts.sizeBytes(), tables, facts.schemaVersion(), properties);
        } catch (SQLException e) {
            throw PostgresFailures.of(e, "describing " + database.display());
        }
    }

    /** The planner's estimate of all tables' rows (pg_class.reltuples), what a quick look would report. */
    private static long estimatedRows(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT coalesce(sum(greatest(c.reltuples, 0)), 0)::bigint"
                     + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                     + " WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                     + " AND n.nspname NOT LIKE 'pg\\_toast%'")) {
            result.next();
            return result.getLong(1);
        }
    }

    private static long countRows(Connection connection, TableData table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(table.countQuery())) {
            result.next();
            return result.getLong(1);
        }
    }

    @Override
    public EngineBackup backup(BackupJob job) {
        return new PostgresBackup(locate(job.source()), EngineOptions.from(job.options())).run(job);
    }

    @Override
    public TargetState probeTarget(DatabaseLocation target) {
        PostgresLocation database = locate(target);
        try (ServerDatabases server = new ServerDatabases(database)) {
            return server.state(database.database());
        } catch (SQLException e) {
            throw PostgresFailures.of(e, "looking at " + database.display());
        }
    }

    @Override
    public RestoreOutcome restore(RestoreJob job) {
        return new PostgresRestore(EngineOptions.from(job.options()), clock).restore(job, locate(job.target()));
    }

    /** A backup as one plain SQL script for psql, made from the archive alone: see {@link PostgresExport}. */
    @Override
    public Optional<SqlExport> sqlExport() {
        return Optional.of(new PostgresExport());
    }

    @Override
    public RestoreOutcome restoreToScratch(ScratchRestoreJob job) {
        EngineOptions options = EngineOptions.from(job.options());
        DatabaseLocation server = DatabaseLocation.parse(options.scratch().orElse(job.manifest().source().location()));
        try {
            return new PostgresRestore(options, clock).restoreToScratch(job.manifest(), job.parts(), locate(server),
                    job.progress());
        } catch (UnavailableException e) {
            if (options.scratch().isPresent()) {
                throw e;
            }
            throw new UnavailableException(e.getMessage() + ". A deep verification restores into a scratch database "
                    + "on the server the backup came from; give another with --scratch URL", e);
        }
    }

    @Override
    public Fingerprint fingerprint(DatabaseLocation location, Progress progress) {
        return DatabaseFingerprint.of(locate(location), EngineOptions.from(Map.of()).jobs(), progress);
    }

    @Override
    public Optional<String> databaseName(DatabaseLocation location) {
        return Optional.of(PostgresLocation.parse(location, environment).database());
    }

    /**
     * Reads a location; one without a password gets the password this engine was last given for the same server and
     * role, so that a verification right after a backup reaches the server the backup used. Kept in memory only.
     */
    private PostgresLocation locate(DatabaseLocation location) {
        PostgresLocation parsed = PostgresLocation.parse(location, environment);
        String key = parsed.user() + "@" + parsed.server();
        if (parsed.password().isPresent()) {
            knownPasswords.put(key, parsed.password().get());
            return parsed;
        }
        Secret known = knownPasswords.get(key);
        return known == null ? parsed : PostgresLocation.parse(location.withPassword(known), environment);
    }
}
