package dev.lifeboat.adapter.postgres;

import static dev.lifeboat.adapter.postgres.RestoreScenes.as;
import static dev.lifeboat.adapter.postgres.RestoreScenes.backupOf;
import static dev.lifeboat.adapter.postgres.RestoreScenes.databasesStartingWith;
import static dev.lifeboat.adapter.postgres.RestoreScenes.location;
import static dev.lifeboat.adapter.postgres.RestoreScenes.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.adapter.postgres.PostgresServers.Version;
import dev.lifeboat.adapter.postgres.RestoreScenes.Backup;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RestoreOutcome;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Event triggers do not get in the way of a restore, before or after its check: a login trigger (PostgreSQL 17 on)
 * that writes a row on every login, or refuses the restoring role, would change or block the sessions that check the
 * restored database, so the restore makes every event trigger disabled and switches each on as the source had it
 * only once the check has passed (a deep verification never does); a DDL trigger that refuses every command does not
 * keep a scratch database with a subscription from being dropped.
 */
class EventTriggersAroundRestoreTest {

    private static final String EVENT_TRIGGER_STATES = "SELECT evtname || ' ' || evtenabled::text FROM"
            + " pg_catalog.pg_event_trigger ORDER BY evtname";

    private final PostgresEngine engine = new PostgresEngine();

    @Test
    void a_login_trigger_that_writes_a_row_fires_only_once_the_restored_database_is_in_place() throws Exception {
        TestServer server = PostgresServers.newest();
        String source = server.createDatabase("logged_logins");
        KindFixtures.load(server, source, "event-triggers");
        String restorer = superuser(server);
        Backup backup = backupOf(engine, location(server, source), Map.of());
        String target = PostgresServers.uniqueName("logged_logins");

        RestoreOutcome restored = engine.restore(backup.restoreJob(as(restorer, server, target), false, Map.of()));

        assertThat(restored.checks()).extracting(VerificationCheck::name).contains("fingerprint", "schema");
        assertThat(server.column(target, EVENT_TRIGGER_STATES)).as("every event trigger in its source's state")
                .isEqualTo(server.column(source, EVENT_TRIGGER_STATES))
                .contains("log_logins O", "on_login D", "note_rewrites D", "note_drops R", "Log Creations A");
        assertThat(single(server, target, "SELECT count(*) FROM audit.logins")).as("logins logged by the restore")
                .isEqualTo("0");
        try (Connection login = DriverManager.getConnection(server.jdbcUrl(target), restorer, "")) {
            assertThat(single(server, target, "SELECT string_agg(role, ',') FROM audit.logins"))
                    .as("the login trigger is on once the database is in place").isEqualTo(restorer);
        }
        assertThatThrownBy(() -> server.execute(target, "CREATE TABLE public.more (id integer)"))
                .hasMessageContaining("no DDL in this database (CREATE TABLE)");

        List<String> databases = databasesStartingWith(server, "");
        RestoreOutcome verified = engine.restoreToScratch(backup.verifyJob(Map.of("scratch",
                as(restorer, server, "postgres").spec())));
        assertThat(verified.checks()).extracting(VerificationCheck::name).contains("fingerprint", "schema");
        assertThat(databasesStartingWith(server, "")).isEqualTo(databases);
    }

    @Test
    void a_login_trigger_that_refuses_the_restoring_role_does_not_keep_it_from_checking() throws Exception {
        TestServer server = PostgresServers.newest();
        String restorer = superuser(server);
        String source = server.createDatabase("refused_logins");
        server.execute(source, "CREATE TABLE public.items (id integer PRIMARY KEY)",
                "INSERT INTO public.items VALUES (1), (2)",
                "CREATE FUNCTION public.refuse_login() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " IF session_user = '" + restorer + "' THEN RAISE EXCEPTION 'no login for %', session_user;"
                        + " END IF; END $$",
                "CREATE EVENT TRIGGER refuse_login ON login EXECUTE FUNCTION public.refuse_login()");
        Backup backup = backupOf(engine, location(server, source), Map.of());
        String target = PostgresServers.uniqueName("refused_logins");

        engine.restore(backup.restoreJob(as(restorer, server, target), false, Map.of()));

        assertThat(engine.fingerprint(location(server, target), Progress.NONE)).isEqualTo(backup.result().fingerprint());
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(target), restorer, "").close())
                .as("the login trigger is on once the database is in place")
                .hasMessageContaining("no login for " + restorer);
        assertThat(databasesStartingWith(server, target)).containsExactly(target);
    }

    /**
     * What a restore that stopped after switching its event triggers on leaves behind: a scratch database with a
     * subscription, which keeps it from being dropped until it is detached, a DDL trigger that refuses the ALTER and
     * DROP SUBSCRIPTION that detach it, and (PostgreSQL 17 on) a login trigger that refuses every login. The next
     * restore to the same target clears it all the same.
     */
    @ParameterizedTest(name = "PostgreSQL {0}")
    @EnumSource(value = Version.class, names = {"PG13", "PG18"})
    void a_scratch_database_left_with_refusing_event_triggers_and_a_subscription_is_cleared(Version version)
            throws Exception {
        TestServer server = PostgresServers.server(version);
        String source = server.createDatabase("left_triggers");
        server.execute(source, "CREATE TABLE public.items (id integer PRIMARY KEY)",
                "INSERT INTO public.items VALUES (1), (2), (3)");
        Backup backup = backupOf(engine, location(server, source), Map.of());
        String target = PostgresServers.uniqueName("left_triggers");
        String leftover = DatabaseNames.restoreScratch(target);
        server.execute("postgres", "CREATE DATABASE " + leftover);
        List<String> leftBehind = new ArrayList<>(List.of(
                "CREATE SUBSCRIPTION left_sub CONNECTION 'host=publisher.invalid dbname=shop'"
                        + " PUBLICATION shop WITH (connect = false)",
                "CREATE FUNCTION public.refuse() RETURNS event_trigger LANGUAGE plpgsql AS"
                        + " $$ BEGIN RAISE EXCEPTION 'refused (%)', tg_tag; END $$",
                "CREATE FUNCTION public.refuse_login() RETURNS event_trigger LANGUAGE plpgsql AS"
                        + " $$ BEGIN RAISE EXCEPTION 'no login'; END $$"));
        if (server.majorVersion() >= 17) {
            leftBehind.add("CREATE EVENT TRIGGER refuse_login ON login EXECUTE FUNCTION public.refuse_login()");
        }
        leftBehind.add("CREATE EVENT TRIGGER refuse_ddl ON ddl_command_start EXECUTE FUNCTION public.refuse()");
        server.execute(leftover, leftBehind.toArray(String[]::new));

        engine.restore(backup.restoreJob(location(server, target), false, Map.of()));

        assertThat(engine.fingerprint(location(server, target), Progress.NONE)).isEqualTo(backup.result().fingerprint());
        assertThat(databasesStartingWith(server, target)).containsExactly(target);
        assertThat(server.column("postgres", "SELECT subname FROM pg_catalog.pg_subscription WHERE subname = 'left_sub'"))
                .isEmpty();
    }

    /** A superuser that may log in, of this test alone. */
    private static String superuser(TestServer server) throws SQLException {
        String role = PostgresServers.uniqueName("lifeboat_test_restorer");
        server.execute("postgres", "CREATE ROLE " + role + " SUPERUSER LOGIN");
        return role;
    }
}
