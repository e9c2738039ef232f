package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.DedicatedServer;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that dies in the middle of a restore over an existing database takes nothing with it: lifeboat says the
 * server went away, and once the server is back the target database holds exactly what it held before. A second
 * try then restores.
 */
class PostgresServerKilledIT {

    private static final int SOURCE_ROWS = 120_000;
    private static final long LOADING_BYTES = 10L * 1024 * 1024;

    @TempDir
    Path work;

    @TempDir
    Path serverDirectory;

    @Test
    void a_server_killed_while_a_restore_loads_its_scratch_database_leaves_the_target_as_it_was() throws Exception {
        try (DedicatedServer dedicated = PostgresServers.dedicated(PostgresServers.Version.NEWEST,
                serverDirectory.resolve("data"))) {
            TestServer server = dedicated.server();
            String source = server.createDatabase("lb_it_source");
            server.execute(source,
                    "CREATE TABLE documents (id int PRIMARY KEY, title text NOT NULL, body text NOT NULL)",
                    "INSERT INTO documents SELECT i, 'document ' || i, "
                            + "md5(i::text) || md5((i + 1)::text) || md5((i + 2)::text) || md5((i + 3)::text) || "
                            + "md5((i + 4)::text) || md5((i + 5)::text) || md5((i + 6)::text) || md5((i + 7)::text) || "
                            + "md5((i + 8)::text) || md5((i + 9)::text) || md5((i + 10)::text) || md5((i + 11)::text) "
                            + "FROM generate_series(1, " + SOURCE_ROWS + ") i",
                    "CREATE INDEX documents_title ON documents (title)");
            assertThat(PostgresDatabases.queryLong(server, source, "SELECT pg_database_size(current_database())"))
                    .as("the source database's size").isGreaterThan(50L * 1024 * 1024);
            String target = server.createDatabase("lb_it_target");
            server.execute(target,
                    "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL)",
                    "INSERT INTO customers SELECT i, 'customer ' || i FROM generate_series(1, 500) i",
                    "CREATE TABLE invoices (number int PRIMARY KEY, customer int REFERENCES customers)",
                    "INSERT INTO invoices SELECT i, i % 500 + 1 FROM generate_series(7000, 7999) i");
            SortedMap<String, String> targetBefore = PostgresDatabases.content(server, target);

            LifeboatProcess.Result backup = LifeboatProcess.run(work, "backup", server.url(source), "--json");
            assertThat(backup.exitCode()).as(backup.toString()).isZero();
            String archive = Json.parse(backup.stdout()).get("archive").get("name").asText();

            PostgresStartedRun restore = PostgresStartedRun.start(work, Map.of(), "restore", archive,
                    server.url(target), "--overwrite", "--yes");
            awaitLoading(server, target + "_lifeboat_restore", restore);
            dedicated.killPostmaster();
            LifeboatProcess.Result killed = restore.finish(Duration.ofSeconds(120));

            assertThat(killed.exitCode()).as(killed.toString()).isEqualTo(3);
            assertThat(killed.errorLine()).containsAnyOf("unreachable", "went away");

            dedicated.restart();
            assertThat(PostgresDatabases.content(server, target)).as("the target after the crash")
                    .isEqualTo(targetBefore);

            LifeboatProcess.Result retry = LifeboatProcess.run(work, "restore", archive, server.url(target),
                    "--overwrite", "--yes", "--drop-previous");
            assertThat(retry.exitCode()).as(retry.toString()).isZero();
            assertThat(PostgresDatabases.content(server, target)).isEqualTo(PostgresDatabases.content(server, source));
            assertThat(PostgresDatabases.databaseExists(server, target + "_lifeboat_restore")).isFalse();
        }
    }

    /**
     * Waits until the restore is loading data into its scratch database (it holds more than the empty database's
     * size plus some), failing if the restore ends first.
     */
    private static void awaitLoading(TestServer server, String scratch, PostgresStartedRun restore) throws Exception {
        long emptyDatabase = PostgresDatabases.queryLong(server, "postgres",
                "SELECT pg_database_size('template0')");
        while (scratchSize(server, scratch) < emptyDatabase + LOADING_BYTES) {
            assertThat(restore.isAlive()).as("the restore runs, not yet past loading " + scratch).isTrue();
            Thread.sleep(20);
        }
    }

    private static long scratchSize(TestServer server, String scratch) throws Exception {
        return PostgresDatabases.queryLong(server, "postgres", "SELECT coalesce(max(pg_database_size(oid)), 0) "
                + "FROM pg_catalog.pg_database WHERE datname = '" + scratch + "'");
    }
}
