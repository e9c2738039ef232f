package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.catalog.QualifiedName;
import dev.lifeboat.domain.model.PartNames;
import org.junit.jupiter.api.Test;

class DataPartNamesTest {

    @Test
    void plain_names_read_as_schema_dot_table() {
        assertThat(new DataPartNames().next(new QualifiedName("public", "orders"))).isEqualTo("data/public.orders.copy");
    }

    @Test
    void any_name_becomes_a_safe_unique_part_name() {
        DataPartNames names = new DataPartNames();
        String[] odd = {"Sales Dept", " leading space", "日本", "a.b", "../../etc", "x".repeat(63), "+2E", "."};
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String schema : odd) {
            for (String table : odd) {
                String name = names.next(new QualifiedName(schema, table));
                assertThat(PartNames.isSafe(name)).as(name).isTrue();
                assertThat(seen.add(name)).as("unique: " + name).isTrue();
            }
        }
        assertThat(names.next(new QualifiedName("a", "b.c"))).isNotEqualTo(names.next(new QualifiedName("a.b", "c")));
    }
}
