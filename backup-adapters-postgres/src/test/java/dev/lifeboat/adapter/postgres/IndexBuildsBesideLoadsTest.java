package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RestoreJob;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A restore builds a table's indexes and keys as soon as its rows are in, beside the loads of larger tables, as
 * pg_restore does, instead of after the last load. The server's commit timestamps tell which step ended first.
 */
class IndexBuildsBesideLoadsTest {

    private final PostgresServers.TestServer server = PostgresServers.newest();
    private final PostgresEngine engine = new PostgresEngine();

    @Test
    void a_small_tables_indexes_are_built_while_a_large_table_still_loads() throws Exception {
        String source = server.createDatabase("beside");
        server.execute(source,
                "CREATE TABLE large (id integer, note text)",
                "INSERT INTO large SELECT i, repeat(md5(i::text), 4) FROM generate_series(1, 400000) i",
                "CREATE TABLE small (id integer PRIMARY KEY, name text)",
                "CREATE INDEX small_name ON small (name)",
                "INSERT INTO small SELECT i, 'name ' || i FROM generate_series(1, 100) i");
        RestoreScenes.Backup backup = RestoreScenes.backupOf(engine, RestoreScenes.location(server, source), Map.of());
        String target = PostgresServers.uniqueName("beside_restored");
        assertThat(RestoreScenes.single(server, "postgres", "SHOW track_commit_timestamp"))
                .as("commit timestamps, which this test reads, are on").isEqualTo("on");

        engine.restore(new RestoreJob(backup.manifest(), backup.parts(), RestoreScenes.location(server, target), false,
                Optional.empty(), Map.of("jobs", "2"), Progress.NONE));

        String largeLoaded = "(SELECT pg_catalog.pg_xact_commit_timestamp(xmin) FROM large LIMIT 1)";
        for (String index : new String[] {"small_pkey", "small_name"}) {
            assertThat(RestoreScenes.single(server, target, "SELECT pg_catalog.pg_xact_commit_timestamp(xmin) < "
                    + largeLoaded + " FROM pg_catalog.pg_class WHERE relname = '" + index + "'"))
                    .as("%s was built before the rows of the large table were all in", index).isEqualTo("t");
        }
        assertThat(engine.fingerprint(RestoreScenes.location(server, target), Progress.NONE))
                .isEqualTo(backup.result().fingerprint());
    }
}
