package dev.lifeboat.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaVersionTest {

    @Test
    void flyway_is_the_version_without_its_description() {
        assertThat(SchemaVersion.of(Map.of("flyway", "2.10 add invoices table")))
                .contains(new SchemaVersion("flyway", "2.10"));
    }

    @Test
    void liquibase_is_the_changeset_id_without_its_author() {
        assertThat(SchemaVersion.of(Map.of("liquibase", "create-users by jane")))
                .contains(new SchemaVersion("liquibase", "create-users"));
    }

    @Test
    void flyway_wins_over_liquibase_and_sqlite_has_its_user_version() {
        assertThat(SchemaVersion.of(Map.of("flyway", "3 x", "liquibase", "7 by a"))).map(SchemaVersion::recordedBy)
                .contains("flyway");
        assertThat(SchemaVersion.of(Map.of("user_version", "12", "application_id", "0")))
                .contains(new SchemaVersion("user_version", "12"));
    }

    @Test
    void a_database_without_a_migration_table_has_none() {
        assertThat(SchemaVersion.of(Map.of())).isEmpty();
        assertThat(SchemaVersion.of(Map.of("application_id", "5"))).isEmpty();
    }

    @Test
    void versions_are_the_same_by_number_where_they_are_numbers() {
        assertThat(new SchemaVersion("flyway", "1.0").sameAs(new SchemaVersion("flyway", "1"))).isTrue();
        assertThat(new SchemaVersion("flyway", "1.1").sameAs(new SchemaVersion("flyway", "1.10"))).isFalse();
        assertThat(new SchemaVersion("liquibase", "a").sameAs(new SchemaVersion("liquibase", "a"))).isTrue();
        assertThat(new SchemaVersion("liquibase", "a").sameAs(new SchemaVersion("liquibase", "b"))).isFalse();
        assertThat(new SchemaVersion("flyway", "3").sameAs(new SchemaVersion("user_version", "3"))).isFalse();
    }

    @Test
    void ordering_is_numeric_per_dotted_segment() {
        assertThat(SchemaVersionOrder.compare("1.10", "1.9")).contains(1);
        assertThat(SchemaVersionOrder.compare("2", "10")).contains(-1);
        assertThat(SchemaVersionOrder.compare("1.2.0", "1.2")).contains(0);
        assertThat(SchemaVersionOrder.compare("1_2", "1.2")).contains(0);
        assertThat(SchemaVersionOrder.compare("20261206120000", "20261206115959")).contains(1);
        assertThat(SchemaVersionOrder.compare("create-users", "3")).isEqualTo(Optional.empty());
        assertThat(SchemaVersionOrder.compare("1.2a", "3")).isEqualTo(Optional.empty());
        assertThat(SchemaVersionOrder.compare("", "3")).isEqualTo(Optional.empty());
    }
}
