package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.ProgressUnit;
import dev.lifeboat.domain.spi.RestoreJob;
import dev.lifeboat.domain.spi.RestoreOutcome;
import dev.lifeboat.domain.spi.ScratchRestoreJob;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A restore takes the fingerprint of a table it loaded from the rows it sent, and reads back only a table that no
 * longer holds exactly those rows: whatever changed a row after the load (here a materialized view's refresh that
 * runs an UPDATE, as the source's own refresh did) is read back and judged by what the table holds. Deep
 * verification trusts nothing of the load and reads every table back. The restored databases are compared with the
 * source by the engine's own read-back fingerprint.
 */
class RestoredRowsCheckTest {

    private static final String READ_BACK = "copying tables";

    private final PostgresServers.TestServer server = PostgresServers.newest();
    private final PostgresEngine engine = new PostgresEngine();

    @Test
    void a_restore_reads_back_no_table_that_holds_exactly_the_rows_it_sent() throws Exception {
        String source = server.createDatabase("sent");
        server.execute(source, "CREATE TABLE items (id integer PRIMARY KEY, name text, price numeric(8, 2))",
                "INSERT INTO items SELECT i, 'item ' || i, i * 1.25 FROM generate_series(1, 500) i",
                "CREATE TABLE notes (body text)", "INSERT INTO notes VALUES ('tab\there'), (E'line\\nbreak'), (NULL)",
                "CREATE TABLE empty (id integer)");
        RestoreScenes.Backup backup = backupOf(source);
        String target = PostgresServers.uniqueName("sent_restored");
        Steps steps = new Steps();

        RestoreOutcome outcome = engine.restore(restoreJob(backup, target, steps));

        assertThat(steps.started).doesNotContain(READ_BACK);
        assertThat(steps.totals.get("checking loaded tables")).isEqualTo(3L);
        assertThat(outcome.checks()).anySatisfy(check -> assertThat(check.detail()).contains("3 tables, 503 rows"));
        assertThat(engine.fingerprint(location(target), Progress.NONE)).isEqualTo(backup.result().fingerprint());
        assertThat(RestoreScenes.single(server, target, "SELECT pg_catalog.count(DISTINCT tablename) FROM "
                + "pg_catalog.pg_stats WHERE schemaname = 'public'"))
                .as("the tables with rows were analyzed beside the check").isEqualTo("2");
    }

    @Test
    void rows_changed_after_the_load_are_read_back_and_fail_the_restore_leaving_nothing() throws Exception {
        RestoreScenes.Backup backup = backupOf(refreshing("changing", "UPDATE public.counters SET n = n + 1"));
        String target = PostgresServers.uniqueName("changed");
        Steps steps = new Steps();

        assertThatThrownBy(() -> engine.restore(restoreJob(backup, target, steps)))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("table public.counters: same row count (3) but different contents")
                .hasMessageContaining("The target was not changed");

        assertThat(steps.totals.get(READ_BACK)).as("only the changed table is read back").isEqualTo(1L);
        assertThat(RestoreScenes.databasesStartingWith(server, target)).isEmpty();
    }

    @Test
    void rows_rewritten_with_the_values_they_had_are_read_back_and_the_restore_succeeds() throws Exception {
        String source = refreshing("rewriting", "UPDATE public.counters SET n = n");
        RestoreScenes.Backup backup = backupOf(source);
        String target = PostgresServers.uniqueName("rewritten");
        Steps steps = new Steps();

        engine.restore(restoreJob(backup, target, steps));

        assertThat(steps.totals.get(READ_BACK)).as("only the rewritten table is read back").isEqualTo(1L);
        assertThat(engine.fingerprint(location(target), Progress.NONE)).isEqualTo(backup.result().fingerprint());
    }

    @Test
    void a_deep_verification_reads_every_table_back() throws Exception {
        String source = server.createDatabase("deep");
        server.execute(source, "CREATE TABLE items (id integer PRIMARY KEY)", "CREATE TABLE more (id integer)",
                "INSERT INTO items SELECT generate_series(1, 20)", "INSERT INTO more VALUES (1)");
        RestoreScenes.Backup backup = backupOf(source);
        Steps steps = new Steps();

        RestoreOutcome outcome = engine.restoreToScratch(new ScratchRestoreJob(backup.manifest(), backup.parts(),
                RoundTripTest.noScratch(), Map.of(), steps));

        assertThat(steps.totals.get(READ_BACK)).isEqualTo(2L);
        assertThat(outcome.checks()).anySatisfy(check -> assertThat(check.detail()).contains("2 tables, 21 rows"));
    }

    /**
     * A database with a table and a materialized view whose query runs {@code update}: refreshing the view, as a
     * restore does after loading the rows, changes the table.
     */
    private String refreshing(String prefix, String update) throws Exception {
        String database = server.createDatabase(prefix);
        server.execute(database, "CREATE TABLE counters (id integer PRIMARY KEY, n integer)",
                "INSERT INTO counters VALUES (1, 10), (2, 20), (3, 30)",
                "CREATE TABLE untouched (id integer)", "INSERT INTO untouched VALUES (1), (2)",
                "CREATE FUNCTION public.touch() RETURNS integer LANGUAGE plpgsql AS $$ BEGIN " + update
                        + "; RETURN 1; END $$",
                "CREATE MATERIALIZED VIEW touched AS SELECT public.touch() AS done");
        return database;
    }

    private RestoreScenes.Backup backupOf(String database) {
        return RestoreScenes.backupOf(engine, location(database), Map.of());
    }

    private RestoreJob restoreJob(RestoreScenes.Backup backup, String target, Progress progress) {
        return new RestoreJob(backup.manifest(), backup.parts(), location(target), false, Optional.empty(), Map.of(),
                progress);
    }

    private DatabaseLocation location(String database) {
        return RestoreScenes.location(server, database);
    }

    /** The steps an engine started, with the number of items each counted. */
    private static final class Steps implements Progress {

        final List<String> started = new CopyOnWriteArrayList<>();
        final Map<String, Long> totals = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Task start(String activity, long total, ProgressUnit unit) {
            started.add(activity);
            totals.merge(activity, total, Long::sum);
            return done -> { };
        }
    }
}
