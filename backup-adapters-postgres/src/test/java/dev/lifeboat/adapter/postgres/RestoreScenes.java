package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.domain.contract.InMemoryParts;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.SourceInfo;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RestoreJob;
import dev.lifeboat.domain.spi.ScratchRestoreJob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/** What the tests of a restore's surroundings share: backups, restore jobs, and looking at a server's databases. */
final class RestoreScenes {

    private RestoreScenes() {
    }

    /** A backup and its parts. */
    record Backup(EngineBackup result, InMemoryParts parts) {

        Manifest manifest() {
            return RoundTripTest.manifest(result, parts);
        }

        /** The manifest with its source properties changed, as an archive of another source would have them. */
        Manifest manifestWith(Consumer<Map<String, String>> change) {
            Manifest manifest = manifest();
            SourceInfo info = manifest.source();
            TreeMap<String, String> properties = new TreeMap<>(info.properties());
            change.accept(properties);
            return new Manifest(manifest.formatVersion(), manifest.toolVersion(), manifest.createdAt(),
                    manifest.engineId(), manifest.engineVersion(), new SourceInfo(info.location(),
                    info.databaseName(), info.sizeBytes(), info.schemaVersion(), properties), manifest.label(),
                    manifest.fingerprint(), manifest.options(), manifest.parts(), manifest.warnings());
        }

        RestoreJob restoreJob(DatabaseLocation target, boolean replace, Map<String, String> options) {
            return new RestoreJob(manifest(), parts, target, replace, Optional.empty(), options, Progress.NONE);
        }

        ScratchRestoreJob verifyJob(Map<String, String> options) {
            return new ScratchRestoreJob(manifest(), parts, RoundTripTest.noScratch(), options, Progress.NONE);
        }
    }

    static Backup backupOf(PostgresEngine engine, DatabaseLocation source, Map<String, String> options) {
        InMemoryParts parts = new InMemoryParts();
        EngineBackup result = engine.backup(new BackupJob(source, options, parts, RoundTripTest.noScratch(),
                Progress.NONE));
        return new Backup(result, parts);
    }

    static DatabaseLocation location(TestServer server, String database) {
        return DatabaseLocation.parse(server.url(database));
    }

    /** A database of the server as another role (the test servers trust every role). */
    static DatabaseLocation as(String role, TestServer server, String database) {
        return DatabaseLocation.parse("postgresql://" + role + "@" + server.host() + ":" + server.port() + "/"
                + database);
    }

    /** The first column of the only row of a query, as the superuser. */
    static String single(TestServer server, String database, String sql) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).as("a row from %s", sql).isTrue();
            return result.getString(1);
        }
    }

    /** The server's databases whose names start with a prefix. */
    static List<String> databasesStartingWith(TestServer server, String prefix) throws SQLException {
        return server.column("postgres", "SELECT datname FROM pg_catalog.pg_database WHERE pg_catalog.starts_with("
                + "datname, '" + prefix.replace("'", "''") + "') ORDER BY datname");
    }

    /** Every message of a failure and of its causes, and their descriptions: where a secret must not appear. */
    static List<String> messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.add(String.valueOf(cause.getMessage()));
            messages.add(cause.toString());
        }
        return messages;
    }
}
