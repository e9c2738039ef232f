package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The sessions a restore's phases share: one phase's sessions serve the next, and a session that failed is never
 * handed out again. Sessions of a real server, whose own view of them ({@code pg_backend_pid}) tells them apart.
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
            assertThat(sessions.open()).isEqualTo(2);
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
            assertThat(sessions.open()).isEqualTo(1);
        }
    }

    @Test
    void workers_give_their_sessions_back_unless_the_run_failed() throws Exception {
        try (SessionPool sessions = pool()) {
            Set<Integer> backends = ConcurrentHashMap.newKeySet();
            WorkerPool.run("test", 2, List.of(1, 2, 3, 4), () -> SessionWorker.<Integer>borrowing(sessions,
                    (statement, item) -> backends.add(backend(statement.getConnection()))), this::failure);
            WorkerPool.run("test", 2, List.of(5, 6, 7, 8), () -> SessionWorker.<Integer>borrowing(sessions,
                    (statement, item) -> backends.add(backend(statement.getConnection()))), this::failure);

            assertThat(opened).as("the second run on the first run's sessions").hasSize(2);
            assertThat(backends).hasSize(2);

            assertThatThrownBy(() -> WorkerPool.run("test", 2, List.of(1, 2, 3, 4),
                    () -> SessionWorker.<Integer>borrowing(sessions, (statement, item) -> {
                        if (item == 2) {
                            statement.execute("SELECT 1 / 0");
                        }
                        statement.execute("SELECT pg_catalog.pg_sleep(0.2)");
                    }), this::failure)).hasMessageContaining("division by zero");

            assertThat(sessions.open()).as("every worker of the failed run aborted, its session closed").isZero();
            assertThat(opened).allSatisfy(connection -> assertThat(connection.isClosed()).isTrue());
        }
    }

    @Test
    void closing_the_pool_closes_idle_and_borrowed_sessions_and_hands_out_none_after() throws Exception {
        SessionPool sessions = pool();
        Connection borrowed = sessions.borrow();
        sessions.release(sessions.borrow(), true);

        sessions.close();

        assertThat(opened).hasSize(2).allSatisfy(connection -> assertThat(connection.isClosed()).isTrue());
        assertThat(borrowed.isClosed()).isTrue();
        assertThatThrownBy(sessions::borrow).isInstanceOf(IllegalStateException.class);
    }

    private dev.lifeboat.domain.error.LifeboatException failure(Exception e) {
        return PostgresFailures.translate(e, "testing");
    }

    private static int backend(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT pg_catalog.pg_backend_pid()")) {
            result.next();
            return result.getInt(1);
        }
    }
}
