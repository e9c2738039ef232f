package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.adapter.postgres.catalog.SchemaOptions;
import dev.lifeboat.adapter.postgres.catalog.SchemaReader;
import dev.lifeboat.domain.contract.InMemoryParts;
import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.SourceInfo;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RestoreJob;
import dev.lifeboat.domain.spi.RestoreOutcome;
import dev.lifeboat.domain.spi.ScratchRestoreJob;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a round trip of the foreign-data, event-trigger, publication and subscription fixtures does not pin down:
 * passwords of user mappings and subscriptions reach the archive (a restore needs them) and nothing else, even when
 * a restore fails on their statement; an event trigger that refuses every command does not refuse the restore; a
 * restore says that subscriptions came back disabled and unconnected, and drops a scratch database holding
 * subscriptions without reaching any publisher; subscriptions of an older server keep their behaviour on a newer one;
 * a role that cannot read what a backup needs is refused by name.
 */
class ForeignAndReplicationObjectsTest {

    private final TestServer server = PostgresServers.newest();
    private final PostgresEngine engine = new PostgresEngine();

    @Test
    void passwords_reach_the_archive_and_no_warning_description_or_manifest() throws Exception {
        String mappingPassword = secret("mapping");
        String subscriptionPassword = secret("subscription");
        String source = server.createDatabase("secrets");
        server.execute(source, "CREATE FOREIGN DATA WRAPPER secret_wrapper VALIDATOR postgresql_fdw_validator",
                "CREATE SERVER secret_server FOREIGN DATA WRAPPER secret_wrapper OPTIONS (host 'remote.invalid')",
                "CREATE USER MAPPING FOR CURRENT_USER SERVER secret_server OPTIONS (user 'app', password '"
                        + mappingPassword + "')",
                "CREATE SUBSCRIPTION secret_sub CONNECTION 'host=publisher.invalid dbname=shop password="
                        + subscriptionPassword + "' PUBLICATION shop WITH (connect = false)");
        Backup backup = backupOf(server, source, Map.of());
        String target = PostgresServers.uniqueName("secrets_restored");

        RestoreOutcome outcome = engine.restore(restoreJob(backup, location(server, target), false, Map.of()));

        String archive = new String(backup.parts().bytes(ArchiveLayout.PRE_DATA), StandardCharsets.UTF_8)
                + new String(backup.parts().bytes(ArchiveLayout.POST_DATA), StandardCharsets.UTF_8);
        assertThat(archive).as("the archive keeps what the restore needs")
                .contains(mappingPassword, subscriptionPassword);
        List<String> shown = new ArrayList<>(backup.result().warnings());
        shown.addAll(outcome.warnings());
        shown.add(backup.result().description().toString());
        shown.add(RoundTripTest.manifest(backup.result(), backup.parts()).toString());
        shown.add(describe(server, source));
        shown.add(describe(server, target));
        assertThat(shown).noneMatch(text -> text.contains(mappingPassword) || text.contains(subscriptionPassword));
        assertThat(single(server, target, "SELECT array_to_string(umoptions, ',') FROM pg_catalog.pg_user_mappings"))
                .isEqualTo("user=app,password=" + mappingPassword);
        assertThat(single(server, target, "SELECT subconninfo FROM pg_catalog.pg_subscription WHERE subname = 'secret_sub'"
                + " AND subdbid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())"))
                .endsWith("password=" + subscriptionPassword);
    }

    @Test
    void a_restore_refused_on_a_user_mapping_never_shows_its_password() throws Exception {
        String password = secret("mapping");
        String role = PostgresServers.uniqueName("lifeboat_test_mapped");
        String source = server.createDatabase("mapping_refused");
        server.execute("postgres", "CREATE ROLE " + role + " NOLOGIN");
        server.execute(source, "CREATE FOREIGN DATA WRAPPER refused_wrapper",
                "CREATE SERVER refused_server FOREIGN DATA WRAPPER refused_wrapper",
                "CREATE USER MAPPING FOR " + role + " SERVER refused_server OPTIONS (password '" + password
                        + "', note 'x''" + password + "''y')");
        Backup backup = backupOf(server, source, Map.of());
        server.execute(source, "DROP USER MAPPING FOR " + role + " SERVER refused_server");
        server.execute("postgres", "DROP ROLE " + role);
        String target = PostgresServers.uniqueName("mapping_refused");

        // an archive without the list of roles it needs: the server itself refuses the mapping's statement
        Throwable refusal = catchThrowable(() -> engine.restore(new RestoreJob(withoutRequiredRoles(backup),
                backup.parts(), location(server, target), false, Optional.empty(), Map.of(), Progress.NONE)));

        assertThat(refusal).isInstanceOf(IncompatibleException.class)
                .hasMessageContaining("USER MAPPING FOR " + role + " SERVER refused_server")
                .hasMessageContaining("does not exist")
                .hasMessageContaining("neither the statement nor the server's message is shown");
        assertThat(RestoreScenes.messages(refusal)).noneMatch(message -> message.contains(password));
        assertThat(databasesLike(server, target + "%")).isEmpty();
    }

    @Test
    void a_restore_refused_on_a_subscription_never_shows_its_connection_string() throws Exception {
        String password = secret("subscription");
        String restorer = PostgresServers.uniqueName("lifeboat_test_restorer");
        server.execute("postgres", "CREATE ROLE " + restorer + " LOGIN CREATEDB");
        String source = server.createDatabase("subscription_refused");
        server.execute(source, "CREATE TABLE public.items (id integer PRIMARY KEY)",
                "INSERT INTO public.items VALUES (1), (2)",
                "CREATE SUBSCRIPTION refused_sub CONNECTION 'host=publisher.invalid user=replicator password="
                        + password + "' PUBLICATION shop WITH (connect = false)");
        Backup backup = backupOf(server, source, Map.of());
        String target = PostgresServers.uniqueName("subscription_refused");

        // a role that may create databases but not subscriptions
        Throwable refusal = catchThrowable(() -> engine.restore(restoreJob(backup, as(restorer, server, target), false,
                Map.of("no-owner", "true", "no-privileges", "true"))));

        assertThat(refusal).isInstanceOf(IncompatibleException.class)
                .hasMessageContaining("SUBSCRIPTION refused_sub")
                .hasMessageContaining("neither the statement nor the server's message is shown");
        assertThat(RestoreScenes.messages(refusal)).noneMatch(message -> message.contains(password));
        assertThat(databasesLike(server, target + "%")).isEmpty();
    }

    @Test
    void an_event_trigger_that_refuses_every_command_does_not_stop_a_restore() throws Exception {
        String source = server.createDatabase("refusing_triggers");
        server.execute(source, "CREATE TABLE public.items (id integer PRIMARY KEY, name text)",
                "INSERT INTO public.items VALUES (1, 'one'), (2, 'two')",
                "CREATE VIEW public.named AS SELECT name FROM public.items",
                "CREATE MATERIALIZED VIEW public.counted AS SELECT pg_catalog.count(*) AS items FROM public.items",
                "CREATE FUNCTION public.refuse() RETURNS event_trigger LANGUAGE plpgsql AS "
                        + "$$ BEGIN RAISE EXCEPTION 'refused by an event trigger (%)', tg_tag; END $$",
                "CREATE EVENT TRIGGER refuse_start ON ddl_command_start EXECUTE FUNCTION public.refuse()",
                "CREATE EVENT TRIGGER refuse_end ON ddl_command_end EXECUTE FUNCTION public.refuse()",
                "CREATE EVENT TRIGGER refuse_rewrite ON table_rewrite EXECUTE FUNCTION public.refuse()",
                "CREATE EVENT TRIGGER refuse_drop ON sql_drop EXECUTE FUNCTION public.refuse()",
                "COMMENT ON EVENT TRIGGER refuse_start IS 'no DDL at all'");
        Backup backup = backupOf(server, source, Map.of());
        String target = PostgresServers.uniqueName("refusing_triggers");

        engine.restore(restoreJob(backup, location(server, target), false, Map.of()));
        engine.restore(restoreJob(backup, location(server, target), true, Map.of("drop-previous", "true")));
        engine.restoreToScratch(new ScratchRestoreJob(RoundTripTest.manifest(backup.result(), backup.parts()),
                backup.parts(), RoundTripTest.noScratch(), Map.of(), Progress.NONE));

        assertThat(engine.fingerprint(location(server, target), Progress.NONE)).isEqualTo(backup.result().fingerprint());
        assertThat(databasesLike(server, target + "%")).containsExactly(target);
        assertThatThrownBy(() -> server.execute(target, "CREATE TABLE public.more (id integer)"))
                .hasMessageContaining("refused by an event trigger (CREATE TABLE)");
    }

    @Test
    void a_restore_says_subscriptions_came_back_disabled_and_cleans_up_after_them() throws Exception {
        String source = server.createDatabase("enabled_subscription");
        server.execute(source, "CREATE SUBSCRIPTION running CONNECTION 'host=127.0.0.1 port=1 dbname=shop'"
                + " PUBLICATION shop WITH (connect = false)", "ALTER SUBSCRIPTION running ENABLE");
        Backup backup;
        try {
            backup = backupOf(server, source, Map.of());
        } finally {
            // its worker keeps trying to reach the publisher that is not there
            server.execute(source, "ALTER SUBSCRIPTION running DISABLE");
        }
        String target = PostgresServers.uniqueName("enabled_subscription");
        // what a restore that crashed after making the subscription leaves behind
        String leftover = DatabaseNames.restoreScratch(target);
        server.execute("postgres", "CREATE DATABASE " + leftover);
        server.execute(leftover, "CREATE SUBSCRIPTION running CONNECTION 'host=127.0.0.1 port=1 dbname=shop'"
                + " PUBLICATION shop WITH (connect = false)");

        RestoreOutcome restored = engine.restore(restoreJob(backup, location(server, target), false, Map.of()));
        RestoreOutcome verified = engine.restoreToScratch(new ScratchRestoreJob(
                RoundTripTest.manifest(backup.result(), backup.parts()), backup.parts(), RoundTripTest.noScratch(),
                Map.of(), Progress.NONE));
        RestoreOutcome replaced = engine.restore(restoreJob(backup, location(server, target), true,
                Map.of("drop-previous", "true")));

        String disabled = "subscription running was restored disabled and without a replication slot, as pg_dump does";
        assertThat(restored.warnings()).anySatisfy(warning -> assertThat(warning).contains(disabled)
                .contains("ALTER SUBSCRIPTION \"running\" ENABLE"));
        assertThat(verified.warnings()).anySatisfy(warning -> assertThat(warning).contains(disabled));
        assertThat(single(server, target, "SELECT subenabled || ' ' || subslotname FROM pg_catalog.pg_subscription"
                + " WHERE subdbid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())"))
                .isEqualTo("false running");
        assertThat(databasesLike(server, "lifeboat\\_verify\\_%")).as("the deep verification's scratch database")
                .isEmpty();
        // the database the second restore replaced has a subscription of its own, which keeps it from being dropped
        List<String> previous = databasesLike(server, target + "\\_before\\_restore\\_%");
        assertThat(previous).hasSize(1);
        assertThat(replaced.warnings()).anySatisfy(warning -> assertThat(warning)
                .contains("kept as " + previous.get(0) + ": it could not be dropped"));
    }

    @Test
    void subscriptions_of_an_older_server_keep_their_behaviour_on_a_newer_one() throws Exception {
        TestServer oldest = PostgresServers.oldest();
        String source = oldest.createDatabase("older_subscriptions");
        oldest.execute(source, "CREATE SUBSCRIPTION older CONNECTION 'host=publisher.invalid dbname=shop'"
                + " PUBLICATION shop WITH (connect = false, synchronous_commit = 'local')");
        Backup backup = backupOf(oldest, source, Map.of());
        String target = PostgresServers.uniqueName("older_subscriptions");

        engine.restore(restoreJob(backup, location(server, target), false, Map.of()));

        assertThat(engine.fingerprint(location(server, target), Progress.NONE)).isEqualTo(backup.result().fingerprint());
        assertThat(single(server, target, "SELECT substream::text || ' ' || subrunasowner || ' ' || subsynccommit"
                + " FROM pg_catalog.pg_subscription"
                + " WHERE subdbid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())"))
                .as("PostgreSQL 13 neither streamed nor applied changes as anyone but the subscription's owner")
                .isEqualTo("f true local");
    }

    @Test
    void a_role_that_cannot_read_the_secrets_a_backup_needs_is_refused_naming_each_object() throws Exception {
        String reader = PostgresServers.uniqueName("lifeboat_test_reader");
        String other = PostgresServers.uniqueName("lifeboat_test_other");
        server.execute("postgres", "CREATE ROLE " + reader + " LOGIN", "CREATE ROLE " + other + " NOLOGIN");
        String source = server.createDatabase("unreadable_secrets");
        server.execute(source, "CREATE SUBSCRIPTION hidden_sub CONNECTION 'host=publisher.invalid dbname=shop'"
                        + " PUBLICATION shop WITH (connect = false)",
                "CREATE FOREIGN DATA WRAPPER hidden_wrapper", "CREATE SERVER hidden_server FOREIGN DATA WRAPPER hidden_wrapper",
                "CREATE USER MAPPING FOR " + other + " SERVER hidden_server OPTIONS (password 'not for the reader')");

        assertThatThrownBy(() -> engine.backup(new BackupJob(as(reader, server, source), Map.of(), new InMemoryParts(),
                RoundTripTest.noScratch(), Progress.NONE)))
                .isInstanceOf(IncompatibleException.class)
                .hasMessageContaining("subscription hidden_sub (its connection string is readable by superusers only")
                .hasMessageContaining("user mapping for " + other + " server hidden_server (its options are shown only")
                .hasMessageContaining("Nothing was written");
        Backup partial = backupOf(server, source, reader, Map.of("allow-unsupported", "true"));
        assertThat(partial.result().warnings()).anySatisfy(warning -> assertThat(warning)
                .startsWith("not in the backup: subscription hidden_sub"));
        assertThat(new String(partial.parts().bytes(ArchiveLayout.POST_DATA), StandardCharsets.UTF_8))
                .doesNotContain("hidden_sub");
    }

    private record Backup(EngineBackup result, InMemoryParts parts) {
    }

    private Backup backupOf(TestServer from, String database, Map<String, String> options) {
        return backupOf(from, database, from.superuser(), options);
    }

    private Backup backupOf(TestServer from, String database, String role, Map<String, String> options) {
        InMemoryParts parts = new InMemoryParts();
        EngineBackup result = engine.backup(new BackupJob(as(role, from, database), options, parts,
                RoundTripTest.noScratch(), Progress.NONE));
        return new Backup(result, parts);
    }

    private static RestoreJob restoreJob(Backup backup, DatabaseLocation target, boolean replace,
                                         Map<String, String> options) {
        return new RestoreJob(RoundTripTest.manifest(backup.result(), backup.parts()), backup.parts(), target, replace,
                Optional.empty(), options, Progress.NONE);
    }

    /** The backup's manifest as a lifeboat wrote it before it recorded the roles an archive needs. */
    private static Manifest withoutRequiredRoles(Backup backup) {
        Manifest manifest = RoundTripTest.manifest(backup.result(), backup.parts());
        SourceInfo info = manifest.source();
        TreeMap<String, String> properties = new TreeMap<>(info.properties());
        properties.remove(RequiredRoles.PROPERTY);
        return new Manifest(manifest.formatVersion(), manifest.toolVersion(), manifest.createdAt(),
                manifest.engineId(), manifest.engineVersion(), new SourceInfo(info.location(), info.databaseName(),
                info.sizeBytes(), info.schemaVersion(), properties), manifest.label(), manifest.fingerprint(),
                manifest.options(), manifest.parts(), manifest.warnings());
    }

    private static DatabaseLocation location(TestServer server, String database) {
        return DatabaseLocation.parse(server.url(database));
    }

    /** A database of the server as another role (the test servers trust every role). */
    private static DatabaseLocation as(String role, TestServer server, String database) {
        return role.equals(server.superuser()) ? location(server, database)
                : DatabaseLocation.parse("postgresql://" + role + "@" + server.host() + ":" + server.port() + "/"
                + database);
    }

    private static String secret(String what) {
        return "Lifeboat-" + what + "-" + UUID.randomUUID();
    }

    private static String describe(TestServer server, String database) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_catalog.set_config('search_path', '', false)");
            return new SchemaReader(connection, SchemaOptions.all()).describe();
        }
    }

    private static String single(TestServer server, String database, String sql) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).as("a row from %s", sql).isTrue();
            return result.getString(1);
        }
    }

    private static List<String> databasesLike(TestServer server, String pattern) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '"
                     + pattern + "' ORDER BY datname")) {
            while (result.next()) {
                names.add(result.getString(1));
            }
        }
        return names;
    }
}
