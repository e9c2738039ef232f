package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.catalog.QualifiedName;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The table an index build of an archive reads, as a restore schedules the build after that table's load. */
class IndexTargetTest {

    @Test
    void a_constraint_names_its_table_quoted() {
        assertThat(IndexTarget.of(
                "ALTER TABLE ONLY \"public\".\"orders\" ADD CONSTRAINT \"orders_pkey\" PRIMARY KEY (id)"))
                .contains(new QualifiedName("public", "orders"));
        assertThat(IndexTarget.of(
                "ALTER TABLE ONLY \"My \"\"Schema\"\".\".\"a.b ON c\" ADD CONSTRAINT \"k\" UNIQUE (x)"))
                .contains(new QualifiedName("My \"Schema\".", "a.b ON c"));
    }

    @Test
    void an_index_names_its_table_as_pg_get_indexdef_writes_it() {
        assertThat(IndexTarget.of("CREATE INDEX orders_customer ON public.orders USING btree (customer_id)"))
                .contains(new QualifiedName("public", "orders"));
        assertThat(IndexTarget.of("CREATE UNIQUE INDEX \"Idx ON x\" ON \"Sales\".\"user\" USING btree (lower(name))"))
                .contains(new QualifiedName("Sales", "user"));
        assertThat(IndexTarget.of("CREATE INDEX parent_at ON ONLY s_1.parent USING btree (at)"))
                .contains(new QualifiedName("s_1", "parent"));
    }

    @Test
    void a_build_on_every_partition_or_anything_else_names_no_table() {
        assertThat(IndexTarget.of(
                "ALTER TABLE \"public\".\"visits\" ADD CONSTRAINT \"visits_pkey\" PRIMARY KEY (id)")).isEmpty();
        assertThat(IndexTarget.of("COMMENT ON INDEX \"public\".\"orders_customer\" IS 'x'")).isEmpty();
        assertThat(IndexTarget.of("CREATE INDEX orders_customer ON orders USING btree (customer_id)"))
                .as("a name without its schema").isEqualTo(Optional.empty());
        assertThat(IndexTarget.of("ALTER TABLE ONLY \"public\".\"orders ADD CONSTRAINT k")).as("an open quote")
                .isEmpty();
    }
}
