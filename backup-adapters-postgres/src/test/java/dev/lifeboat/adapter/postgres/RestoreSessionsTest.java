package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RestoreJob;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A restore's steps share their sessions instead of each opening its own: with {@code --jobs 2}, at most two for the
 * whole load (schema, rows, indexes and keys, large objects, foreign keys, the rest), one for the check and at most
 * two for ANALYZE beside it (each step opening its own made twelve here). The server counts the sessions each database
 * has had ({@code pg_stat_database.sessions}).
 */
class RestoreSessionsTest {

    private static final Duration BACKENDS_GONE = Duration.ofSeconds(30);

    private final PostgresServers.TestServer server = PostgresServers.newest();
    private final PostgresEngine engine = new PostgresEngine();

    @Test
    void a_restore_with_two_jobs_opens_at_most_five_sessions_on_its_database() throws Exception {
        String source = server.createDatabase("sessions");
        server.execute(source,
                "CREATE TABLE parents (id integer PRIMARY KEY, name text UNIQUE)",
                "CREATE TABLE children (id integer PRIMARY KEY, parent integer REFERENCES parents)",
                "CREATE TABLE toys (id integer PRIMARY KEY, owner integer REFERENCES children)",
                "CREATE INDEX children_parent ON children (parent)",
                "COMMENT ON TABLE toys IS 'after the keys'",
                "SELECT lo_from_bytea(7000, '\\x2a')",
                "INSERT INTO parents SELECT i, 'parent ' || i FROM generate_series(1, 100) i",
                "INSERT INTO children SELECT i, 1 + i % 100 FROM generate_series(1, 300) i",
                "INSERT INTO toys SELECT i, 1 + i % 300 FROM generate_series(1, 300) i");
        RestoreScenes.Backup backup = RestoreScenes.backupOf(engine, RestoreScenes.location(server, source), Map.of());
        String target = PostgresServers.uniqueName("sessions_restored");

        engine.restore(new RestoreJob(backup.manifest(), backup.parts(), RestoreScenes.location(server, target), false,
                Optional.empty(), Map.of("jobs", "2"), Progress.NONE));

        // a backend reports its session to the statistics before it leaves pg_stat_activity
        Instant deadline = Instant.now().plus(BACKENDS_GONE);
        while (!"0".equals(RestoreScenes.single(server, "postgres", "SELECT pg_catalog.count(*) FROM"
                + " pg_catalog.pg_stat_activity WHERE datname = '" + target + "'"))) {
            assertThat(Instant.now()).as("the restore's sessions have ended").isBefore(deadline);
            Thread.sleep(50);
        }
        // fewer when a session is given back before the next worker asks for one: the tables here are small
        assertThat(Integer.parseInt(RestoreScenes.single(server, "postgres", "SELECT sessions FROM"
                + " pg_catalog.pg_stat_database WHERE datname = '" + target + "'")))
                .as("sessions opened on the restored database").isBetween(3, 5);
        assertThat(engine.fingerprint(RestoreScenes.location(server, target), Progress.NONE))
                .isEqualTo(backup.result().fingerprint());
    }
}
