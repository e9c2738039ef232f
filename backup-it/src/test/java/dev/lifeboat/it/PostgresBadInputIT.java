package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.DedicatedServer;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.adapter.postgres.ServerFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a PostgreSQL backup can be refused by the server or the database ends with its exit code, one line
 * naming the cause, no password anywhere in the output, and no archive written.
 */
class PostgresBadInputIT {

    private static final String WRONG_PASSWORD = "Wrong-Horse-7e3b91";
    private static final String RIGHT_PASSWORD = "Right-Battery-c40d2a";
    private static final Duration RUN_LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path work;

    @TempDir
    Path serverDirectory;

    private final TestServer server = PostgresServers.newest();

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeWhatTheTestOpened() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void a_wrong_password_is_an_authentication_failure_that_never_shows_the_password() throws Exception {
        DedicatedServer dedicated = PostgresServers.dedicated(PostgresServers.Version.NEWEST,
                serverDirectory.resolve("data"));
        toClose.add(dedicated);
        TestServer passwordServer = dedicated.server();
        String role = PostgresServers.uniqueName("lb_it_pw");
        String database = passwordServer.createDatabase("lb_it_pw_db");
        passwordServer.execute(database,
                "CREATE ROLE " + role + " LOGIN PASSWORD '" + RIGHT_PASSWORD + "'",
                "ALTER DATABASE " + database + " OWNER TO " + role,
                "CREATE TABLE owned (id int PRIMARY KEY)",
                "ALTER TABLE owned OWNER TO " + role,
                "INSERT INTO owned VALUES (1), (2)");
        requirePasswords(dedicated, passwordServer, role, database);
        String userUrl = "postgresql://" + role + "@localhost:" + passwordServer.port() + "/" + database;
        String wrongInUrl = "postgresql://" + role + ":" + WRONG_PASSWORD + "@localhost:" + passwordServer.port()
                + "/" + database;
        Path wrongFile = Files.writeString(work.resolve("wrong-password"), WRONG_PASSWORD + "\n");
        Path rightFile = Files.writeString(work.resolve("right-password"), RIGHT_PASSWORD + "\n");

        LifeboatProcess.Result inUrl = LifeboatProcess.run(work, "backup", wrongInUrl);
        assertFailedWritingNothing(inUrl, 3);
        assertThat(inUrl.errorLine()).contains(role).containsIgnoringCase("password");

        LifeboatProcess.Result fromEnvironment = LifeboatProcess.run(work, Map.of("PGPASSWORD", WRONG_PASSWORD),
                "backup", userUrl, "--json");
        assertFailedWritingNothing(fromEnvironment, 3);
        assertThat(Json.parse(fromEnvironment.stdout()).get("ok").asBoolean()).isFalse();

        LifeboatProcess.Result fromFile = LifeboatProcess.run(work, "backup", userUrl, "--password-file",
                wrongFile.toString());
        assertFailedWritingNothing(fromFile, 3);
        assertThat(fromFile.errorLine()).containsIgnoringCase("password");

        for (LifeboatProcess.Result failure : List.of(inUrl, fromEnvironment, fromFile)) {
            assertThat(failure.stdout() + failure.stderr()).as("everything lifeboat printed")
                    .doesNotContain(WRONG_PASSWORD).doesNotContain(RIGHT_PASSWORD);
        }

        LifeboatProcess.Result right = LifeboatProcess.run(work, "backup", userUrl, "--password-file",
                rightFile.toString());
        assertThat(right.exitCode()).as("the same backup with the right password: " + right).isZero();
        assertThat(right.stdout() + right.stderr()).doesNotContain(RIGHT_PASSWORD);
    }

    @Test
    void a_server_that_accepts_the_connection_but_never_answers_is_unavailable_once_the_timeout_passed()
            throws Exception {
        try (SilentServer silent = new SilentServer()) {
            PostgresStartedRun run = PostgresStartedRun.start(work, Map.of(), "backup",
                    "postgresql://postgres@127.0.0.1:" + silent.port() + "/shop?connect_timeout=2");

            LifeboatProcess.Result result = run.finish(RUN_LIMIT);

            assertFailedWritingNothing(result, 3);
            assertThat(result.errorLine()).contains("127.0.0.1");
            assertThat(silent.accepted()).as("lifeboat reached the silent server").isPositive();
        }
    }

    @Test
    void a_missing_database() {
        String missing = PostgresServers.uniqueName("lb_it_missing");

        LifeboatProcess.Result result = LifeboatProcess.run(work, "backup", server.url(missing));

        assertFailedWritingNothing(result, 3);
        assertThat(result.errorLine()).contains(missing).contains("does not exist");
    }

    @Test
    void a_role_that_may_not_read_one_table() throws Exception {
        String database = server.createDatabase("lb_it_partial");
        String role = PostgresServers.uniqueName("lb_it_reader");
        server.execute(database,
                "CREATE ROLE " + role + " LOGIN",
                "CREATE TABLE open_ledger (id int PRIMARY KEY, amount int)",
                "CREATE TABLE secret_salaries (id int PRIMARY KEY, amount int)",
                "INSERT INTO open_ledger VALUES (1, 10)",
                "INSERT INTO secret_salaries VALUES (1, 99999)",
                "GRANT SELECT ON open_ledger TO " + role);

        LifeboatProcess.Result result = LifeboatProcess.run(work, "backup",
                "postgresql://" + role + "@localhost:" + server.port() + "/" + database);

        assertFailedWritingNothing(result, 3);
        assertThat(result.errorLine()).contains("secret_salaries").contains("permission denied");
    }

    @Test
    void a_table_locked_by_another_session_past_the_lock_timeout() throws Exception {
        String database = server.createDatabase("lb_it_locked");
        server.execute(database,
                "CREATE TABLE calm (id int PRIMARY KEY)",
                "CREATE TABLE busy (id int PRIMARY KEY)",
                "INSERT INTO busy SELECT generate_series(1, 100)");

        LifeboatProcess.Result result;
        try (Connection holder = server.connect(database); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE");
            result = PostgresStartedRun.start(work, Map.of(), "backup", server.url(database), "--lock-timeout", "2s")
                    .finish(RUN_LIMIT);
            holder.rollback();
        }

        assertFailedWritingNothing(result, 4);
        assertThat(result.errorLine()).contains("lock").contains("--lock-timeout");
    }

    @Test
    void an_object_lifeboat_cannot_reproduce_is_refused_unless_allowed_and_then_left_out_with_what_needs_it()
            throws Exception {
        String tablespace = "lb_it_elsewhere";
        if (PostgresDatabases.queryLong(server, "postgres", "SELECT count(*) FROM pg_tablespace WHERE spcname = '"
                + tablespace + "'") == 0) {
            server.execute("postgres", "CREATE TABLESPACE " + tablespace + " LOCATION '"
                    + ServerFiles.tablespaceDirectory(server) + "'");
        }
        String database = server.createDatabase("lb_it_left_out");
        server.execute(database,
                "CREATE TABLE kept (id int PRIMARY KEY)",
                "INSERT INTO kept VALUES (1), (2), (3)",
                "CREATE TABLE lb_elsewhere (id int) TABLESPACE " + tablespace,
                "CREATE VIEW lb_elsewhere_view AS SELECT id FROM lb_elsewhere");

        LifeboatProcess.Result refused = LifeboatProcess.run(work, "backup", server.url(database));
        assertFailedWritingNothing(refused, 8);
        assertThat(refused.errorLine()).contains("table public.lb_elsewhere (in tablespace " + tablespace + ")")
                .contains("--allow-unsupported");

        LifeboatProcess.Result allowed = LifeboatProcess.run(work, "backup", server.url(database),
                "--allow-unsupported");
        assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
        assertThat(allowed.stdout() + allowed.stderr()).contains("public.lb_elsewhere")
                .contains("view public.lb_elsewhere_view (depends on table public.lb_elsewhere");
        List<String> archives = PostgresDatabases.archives(work.resolve("backups"));
        assertThat(archives).hasSize(1);

        LifeboatProcess.Result inspect = LifeboatProcess.run(work, "inspect", archives.get(0), "--json");
        assertThat(inspect.exitCode()).as(inspect.toString()).isZero();
        JsonNode warnings = Json.parse(inspect.stdout()).get("warnings");
        assertThat(warnings).as("the manifest's warnings").anySatisfy(warning ->
                assertThat(warning.asText()).contains("lb_elsewhere_view"));

        String restored = PostgresServers.uniqueName("lb_it_left_out_restored");
        LifeboatProcess.Result restore = LifeboatProcess.run(work, "restore", archives.get(0), server.url(restored));
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(PostgresDatabases.rowCount(server, restored, "kept")).isEqualTo(3);
    }

    @Test
    void a_restore_that_needs_roles_the_server_lacks_names_them_all_and_loads_nothing() throws Exception {
        String database = server.createDatabase("lb_it_roles");
        server.execute("postgres", "DO $$ BEGIN CREATE ROLE lb_it_gone_owner; CREATE ROLE lb_it_gone_reader; "
                + "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        server.execute(database, "CREATE TABLE kept (id int PRIMARY KEY)", "INSERT INTO kept VALUES (1), (2)",
                "ALTER TABLE kept OWNER TO lb_it_gone_owner", "GRANT SELECT ON kept TO lb_it_gone_reader");
        LifeboatProcess.Result backup = LifeboatProcess.run(work, "backup", server.url(database));
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        String archive = PostgresDatabases.archives(work.resolve("backups")).get(0);
        server.execute(database, "DROP TABLE kept");
        server.execute("postgres", "DROP ROLE lb_it_gone_owner", "DROP ROLE lb_it_gone_reader");
        String target = PostgresServers.uniqueName("lb_it_roles_restored");

        LifeboatProcess.Result refused = LifeboatProcess.run(work, "restore", archive, server.url(target));

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(8);
        assertThat(refused.errorLine()).contains("lb_it_gone_owner (owner, privileges)")
                .contains("lb_it_gone_reader (privileges)").contains("nothing was loaded")
                .contains("--no-owner and --no-privileges");
        assertThat(PostgresDatabases.databasesStartingWith(server, target)).isEmpty();

        LifeboatProcess.Result bare = LifeboatProcess.run(work, "restore", archive, server.url(target), "--no-owner",
                "--no-privileges");
        assertThat(bare.exitCode()).as(bare.toString()).isZero();
        assertThat(PostgresDatabases.rowCount(server, target, "kept")).isEqualTo(2);
    }

    @Test
    void a_malformed_location_is_a_usage_error() {
        LifeboatProcess.Result result = LifeboatProcess.run(work, "backup",
                "postgresql://postgres@localhost:not-a-port/shop");

        assertFailedWritingNothing(result, 2);
        assertThat(result.errorLine()).contains("not-a-port");
    }

    private void assertFailedWritingNothing(LifeboatProcess.Result result, int exitCode) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
        assertThat(PostgresDatabases.archives(work.resolve("backups"))).as("archives written").isEmpty();
    }

    /**
     * Makes the server ask every role but the superuser for its password (embedded servers trust everyone), and
     * waits until it does.
     */
    private static void requirePasswords(DedicatedServer dedicated, TestServer server, String role, String database)
            throws Exception {
        Files.writeString(dedicated.dataDirectory().resolve("pg_hba.conf"), """
                local all postgres trust
                host  all postgres 127.0.0.1/32 trust
                host  all postgres ::1/128 trust
                local all all scram-sha-256
                host  all all 127.0.0.1/32 scram-sha-256
                host  all all ::1/128 scram-sha-256
                """);
        server.execute("postgres", "SELECT pg_reload_conf()");
        for (int attempt = 0; attempt < 200; attempt++) {
            try (Connection ignored = DriverManager.getConnection(server.jdbcUrl(database), role, WRONG_PASSWORD)) {
                Thread.sleep(50);
            } catch (SQLException refused) {
                assertThat(refused.getSQLState()).isEqualTo("28P01");
                try (Connection accepted = DriverManager.getConnection(server.jdbcUrl(database), role, RIGHT_PASSWORD)) {
                    assertThat(accepted.isValid(5)).isTrue();
                }
                return;
            }
        }
        throw new AssertionError("the server still accepts a wrong password after reloading pg_hba.conf");
    }

    /** A TCP server that accepts connections and never says a word, as a hung host or a black-holing proxy. */
    private static final class SilentServer implements AutoCloseable {

        private final ServerSocket socket;
        private final List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Thread acceptor;

        SilentServer() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                try {
                    while (!socket.isClosed()) {
                        accepted.add(socket.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            return accepted.size();
        }

        @Override
        public void close() {
            try {
                socket.close();
                for (Socket connection : accepted) {
                    connection.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
