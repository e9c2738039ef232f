package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.catalog.SchemaStatement;
import dev.lifeboat.adapter.postgres.catalog.StatementKind;
import dev.lifeboat.adapter.postgres.catalog.StatementPhase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The order of a restore's loads and index builds on its parallel sessions: a table's builds right after its load,
 * beside the loads still under way, and a build on every partition after every load.
 */
class RestoreScheduleTest {

    private static final DataScript.Entry LARGE = new DataScript.Entry("\"public\".\"large\" (\"id\")", "data/large");
    private static final DataScript.Entry SMALL = new DataScript.Entry("\"public\".\"small\" (\"id\")", "data/small");
    private static final List<SchemaStatement> ON_PARTITIONS = build(
            "ALTER TABLE \"public\".\"visits\" ADD CONSTRAINT \"visits_pkey\" PRIMARY KEY (id)");
    private static final List<SchemaStatement> SMALL_KEY = build(
            "ALTER TABLE ONLY \"public\".\"small\" ADD CONSTRAINT \"small_pkey\" PRIMARY KEY (id)");
    private static final List<SchemaStatement> LARGE_INDEX = build(
            "CREATE INDEX large_id ON public.large USING btree (id)");

    @Test
    void a_tables_builds_follow_its_own_load_and_a_build_on_every_partition_follows_every_load() throws Exception {
        DependencyQueue<RestoreWork> queue = RestoreWork.schedule(List.of(SMALL, LARGE),
                Map.of("data/large", 1_000_000L, "data/small", 1_000L), List.of(ON_PARTITIONS, LARGE_INDEX, SMALL_KEY));

        RestoreWork first = queue.take().orElseThrow();
        RestoreWork second = queue.take().orElseThrow();
        assertThat(List.of(first, second)).as("both loads, the larger first")
                .containsExactly(new RestoreWork.Load(LARGE, 1_000_000L), new RestoreWork.Load(SMALL, 1_000L));
        queue.done(second);
        assertThat(queue.take()).as("the small table's key while the large table still loads")
                .contains(new RestoreWork.Build(SMALL_KEY, 1_000L));
        queue.done(first);
        assertThat(List.of(queue.take().orElseThrow(), queue.take().orElseThrow()))
                .as("once every load is done: the build on every partition, then the large table's index")
                .containsExactly(new RestoreWork.Build(ON_PARTITIONS, Long.MAX_VALUE),
                        new RestoreWork.Build(LARGE_INDEX, 1_000_000L));
    }

    private static List<SchemaStatement> build(String sql) {
        return List.of(new SchemaStatement(StatementPhase.INDEXES, StatementKind.DEFINITION, "a build", sql),
                new SchemaStatement(StatementPhase.INDEXES, StatementKind.COMMENT, "a build", "COMMENT ON ..."));
    }
}
