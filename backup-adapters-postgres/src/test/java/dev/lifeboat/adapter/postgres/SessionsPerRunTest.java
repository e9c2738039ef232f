package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RestoreJob;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How many sessions a run opens on a database, as the server counts them ({@code pg_stat_database.sessions}): the
 * steps of a run share theirs instead of each opening its own. Fewer than the most when a session is given back
 * before the next worker asks for one, as with tables this small.
 */
class SessionsPerRunTest {

    private static final Duration BACKENDS_GONE = Duration.ofSeconds(30);

    private final PostgresServers.TestServer server = PostgresServers.newest();
    private final PostgresEngine engine = new PostgresEngine();

    /**
     * With {@code --jobs 2}: at most two for the whole load (schema, rows, indexes and keys, large objects, foreign
     * keys, the rest), one for the check and at most two for ANALYZE beside it. Each step opening its own made twelve.
     */
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

        assertThat(sessionsOn(target)).as("sessions opened on the restored database").isBetween(3L, 5L);
        assertThat(engine.fingerprint(RestoreScenes.location(server, target), Progress.NONE))
                .isEqualTo(backup.result().fingerprint());
    }

    /**
     * With {@code --jobs 2}: the snapshot's own session, which copies tables too, and one more that shares its
     * snapshot. Before the snapshot's session copied, it waited for two more.
     */
    @Test
    void a_backup_with_two_jobs_opens_at_most_two_sessions_on_its_database() throws Exception {
        String source = server.createDatabase("sessions_backup");
        server.execute(source,
                "CREATE TABLE large (id integer PRIMARY KEY, note text)",
                "CREATE TABLE small (id integer PRIMARY KEY, large integer REFERENCES large)",
                "INSERT INTO large SELECT i, repeat(md5(i::text), 8) FROM generate_series(1, 20000) i",
                "INSERT INTO small SELECT i, i FROM generate_series(1, 100) i");
        long before = sessionsOn(source);

        RestoreScenes.Backup backup = RestoreScenes.backupOf(engine, RestoreScenes.location(server, source),
                Map.of("jobs", "2"));

        assertThat(sessionsOn(source) - before).as("sessions the backup opened").isBetween(1L, 2L);
        assertThat(backup.result().fingerprint().tables()).hasSize(2);
        assertThat(backup.result().fingerprint()).isEqualTo(engine.fingerprint(RestoreScenes.location(server, source),
                Progress.NONE));
    }

    /** The sessions a database has had, once none is left: a backend reports its own before it leaves. */
    private long sessionsOn(String database) throws SQLException, InterruptedException {
        assertThat(Integer.parseInt(RestoreScenes.single(server, "postgres", "SHOW server_version_num")))
                .as("a server that counts a session in its statistics when it ends (PostgreSQL 15 on)")
                .isGreaterThanOrEqualTo(150000);
        Instant deadline = Instant.now().plus(BACKENDS_GONE);
        while (!"0".equals(RestoreScenes.single(server, "postgres", "SELECT pg_catalog.count(*) FROM"
                + " pg_catalog.pg_stat_activity WHERE datname = '" + database + "'"))) {
            assertThat(Instant.now()).as("the sessions on %s have ended", database).isBefore(deadline);
            Thread.sleep(50);
        }
        return Long.parseLong(RestoreScenes.single(server, "postgres", "SELECT sessions FROM"
                + " pg_catalog.pg_stat_database WHERE datname = '" + database + "'"));
    }
}
