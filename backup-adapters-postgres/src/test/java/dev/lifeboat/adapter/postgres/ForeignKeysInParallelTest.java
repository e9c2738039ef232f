package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RestoreJob;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A restore adds foreign keys on parallel sessions, as pg_restore does. Keys that lock the same tables wait for each
 * other, and two that lock them in opposite orders (tables that reference each other) end in a deadlock the server
 * breaks by cancelling one, which is run again: every key comes back, validated, with the rows it guards.
 */
class ForeignKeysInParallelTest {

    private final PostgresServers.TestServer server = PostgresServers.newest();
    private final PostgresEngine engine = new PostgresEngine();

    @Test
    void foreign_keys_that_lock_the_same_tables_all_come_back() throws Exception {
        String source = server.createDatabase("keys");
        server.execute(source,
                "CREATE TABLE parents (id integer PRIMARY KEY, partner integer)",
                "CREATE TABLE partners (id integer PRIMARY KEY, parent integer REFERENCES parents)",
                "ALTER TABLE parents ADD FOREIGN KEY (partner) REFERENCES partners",
                "CREATE TABLE children (id integer PRIMARY KEY, parent integer REFERENCES parents,"
                        + " elder integer REFERENCES children)",
                "CREATE TABLE toys (id integer PRIMARY KEY, owner integer REFERENCES children,"
                        + " maker integer REFERENCES partners)",
                "CREATE TABLE visits (at date, parent integer REFERENCES parents) PARTITION BY RANGE (at)",
                "CREATE TABLE visits_2024 PARTITION OF visits FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
                "INSERT INTO parents SELECT i, NULL FROM generate_series(1, 2000) i",
                "INSERT INTO partners SELECT i, i FROM generate_series(1, 2000) i",
                "UPDATE parents SET partner = id",
                "INSERT INTO children SELECT i, 1 + i % 2000, NULLIF(i - 1, 0) FROM generate_series(1, 5000) i",
                "INSERT INTO toys SELECT i, 1 + i % 5000, 1 + i % 2000 FROM generate_series(1, 5000) i",
                "INSERT INTO visits SELECT date '2024-01-01' + i % 300, 1 + i % 2000 FROM generate_series(1, 3000) i");
        RestoreScenes.Backup backup = RestoreScenes.backupOf(engine, RestoreScenes.location(server, source), Map.of());
        String target = PostgresServers.uniqueName("keys_restored");
        Map<String, Long> totals = new ConcurrentHashMap<>();
        Progress progress = (activity, total, unit) -> {
            totals.put(activity, total);
            return done -> { };
        };

        engine.restore(new RestoreJob(backup.manifest(), backup.parts(), RestoreScenes.location(server, target), false,
                Optional.empty(), Map.of("jobs", "4"), progress));

        assertThat(totals.get("adding foreign keys")).as("the keys, added on parallel sessions").isEqualTo(7L);
        assertThat(RestoreScenes.single(server, target, "SELECT pg_catalog.count(*) FROM pg_catalog.pg_constraint"
                + " WHERE contype = 'f' AND convalidated AND conparentid = 0")).isEqualTo("7");
        assertThat(engine.fingerprint(RestoreScenes.location(server, target), Progress.NONE))
                .isEqualTo(backup.result().fingerprint());
    }
}
