package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.model.DatabaseLocation;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The sessions a restore's phases share: one phase's sessions serve the next, and a session that failed, or that the
 * server ended while it was idle, is never handed out again. Sessions of a real server, whose own view of them
 * ({@code pg_backend_pid}) tells them apart.
 */
class SessionPoolTest {

    private final PostgresServers.TestServer server = PostgresServers.newest();
    private final List<Connection> opened = new CopyOnWriteArrayList<>();

    private SessionPool pool() {
        return new SessionPool(() -> {
            Connection connection = server.connect("postgres");
            opened.add(connection);
            return connection;
        });
    }

    @Test
    void a_session_given_back_serves_the_next_phase_and_two_at_once_are_two() throws Exception {
        try (SessionPool sessions = pool()) {
            Connection first = sessions.borrow();
            int pid = backend(first);
            sessions.release(first, true);

            Connection again = sessions.borrow();
            Connection beside = sessions.borrow();

            assertThat(backend(again)).as("the same server session").isEqualTo(pid);
            assertThat(backend(beside)).isNotEqualTo(pid);
            assertThat(opened).hasSize(2);
            assertThat(sessions.sessionsOpen()).isEqualTo(2);
        }
        assertThat(opened).allSatisfy(connection -> assertThat(connection.isClosed()).isTrue());
    }

    @Test
    void a_session_whose_work_failed_is_closed_and_never_handed_out_again() throws Exception {
        try (SessionPool sessions = pool()) {
            AtomicReference<Connection> used = new AtomicReference<>();
            assertThatThrownBy(() -> sessions.with(connection -> {
                used.set(connection);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("BEGIN");
                    statement.execute("SELECT 1 / 0");
                }
            })).isInstanceOf(SQLException.class);

            assertThat(used.get().isClosed()).as("the session left in a failed transaction").isTrue();
            Connection next = sessions.borrow();
            assertThat(next).isNotSameAs(used.get());
            assertThat(backend(next)).isPositive();
            assertThat(sessions.sessionsOpen()).isEqualTo(1);
        }
    }

    @Test
    void an_idle_session_the_server_ended_is_replaced_when_next_asked_for() throws Exception {
        try (SessionPool sessions = pool()) {
            Connection idle = sessions.borrow();
            int pid = backend(idle);
            sessions.release(idle, true);
            RestoreScenes.single(server, "postgres", "SELECT pg_catalog.pg_terminate_backend(" + pid + ")");

            Connection next = sessions.borrow();

            assertThat(backend(next)).as("a session that answers").isNotEqualTo(pid);
            assertThat(idle.isClosed()).isTrue();
            assertThat(sessions.sessionsOpen()).isEqualTo(1);
        }
    }

    @Test
    void workers_give_their_sessions_back_unless_the_run_failed() throws Exception {
        try (SessionPool sessions = pool()) {
            Set<Integer> backends = ConcurrentHashMap.newKeySet();
            // each item waits for one on the other worker: both workers hold a session at once
            CyclicBarrier together = new CyclicBarrier(2);
            SessionWorker.Action<Integer> meet = (statement, item) -> {
                together.await(30, TimeUnit.SECONDS);
                backends.add(backend(statement.getConnection()));
            };
            WorkerPool.run("test", 2, List.of(1, 2, 3, 4), () -> SessionWorker.borrowing(sessions, meet),
                    this::failure);
            WorkerPool.run("test", 2, List.of(5, 6, 7, 8), () -> SessionWorker.borrowing(sessions, meet),
                    this::failure);

            assertThat(opened).as("the second run on the first run's sessions").hasSize(2);
            assertThat(backends).hasSize(2);

            assertThatThrownBy(() -> WorkerPool.run("test", 2, List.of(1, 2, 3, 4),
                    () -> SessionWorker.<Integer>borrowing(sessions, (statement, item) -> {
                        together.await(30, TimeUnit.SECONDS);
                        if (item == 2) {
                            statement.execute("SELECT 1 / 0");
                        }
                        statement.execute("SELECT pg_catalog.pg_sleep(1)");
                    }), this::failure)).hasMessageContaining("division by zero");

            assertThat(sessions.sessionsOpen()).as("both workers of the failed run aborted, their sessions closed")
                    .isZero();
            assertThat(opened).allSatisfy(connection -> assertThat(connection.isClosed()).isTrue());
        }
    }

    /** A session kept idle between a restore's steps outlasts the timeouts a role or server may set. */
    @Test
    void a_session_with_the_dump_settings_has_no_idle_or_transaction_timeout() throws Exception {
        server.execute("postgres", "DO $$ BEGIN CREATE ROLE lifeboat_test_timeouts LOGIN;"
                        + " EXCEPTION WHEN duplicate_object THEN NULL; END $$",
                "ALTER ROLE lifeboat_test_timeouts SET idle_session_timeout = '1s'",
                "ALTER ROLE lifeboat_test_timeouts SET transaction_timeout = '1s'");
        DatabaseLocation location = RestoreScenes.as("lifeboat_test_timeouts", server, "postgres");
        try (Connection connection = ServerConnections.open(PostgresLocation.parse(location,
                new PgEnvironment(Map.of(), Path.of("/nonexistent"), "nobody")))) {
            assertThat(setting(connection, "idle_session_timeout")).as("the role's, before").isEqualTo("1s");
            ServerConnections.applyDumpSettings(connection);

            Thread.sleep(2000);
            try (Statement statement = connection.createStatement()) {
                statement.execute("BEGIN");
                statement.execute("SELECT pg_catalog.pg_sleep(2)");
                statement.execute("COMMIT");
            }

            assertThat(setting(connection, "idle_session_timeout")).isEqualTo("0");
            assertThat(setting(connection, "transaction_timeout")).isEqualTo("0");
        }
    }

    private dev.lifeboat.domain.error.LifeboatException failure(Exception e) {
        return PostgresFailures.translate(e, "testing");
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SHOW " + name)) {
            result.next();
            return result.getString(1);
        }
    }

    private static int backend(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT pg_catalog.pg_backend_pid()")) {
            result.next();
            return result.getInt(1);
        }
    }
}
