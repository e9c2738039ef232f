package dev.lifeboat.domain.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.SchemaVersion;
import dev.lifeboat.domain.model.SourceInfo;
import dev.lifeboat.domain.port.in.RestorePlan;
import dev.lifeboat.domain.spi.TargetState;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a restore must say that the schema version of the data it replaces differs from the backup's. */
class RestorePlanSchemaVersionTest {

    @Test
    void replacing_data_of_another_version_differs_and_the_same_version_does_not() {
        assertThat(plan(Map.of("flyway", "1.10 totals"), TargetState.OCCUPIED, version("flyway", "1.11"))
                .schemaVersionDiffers()).isTrue();
        assertThat(plan(Map.of("flyway", "1.10 totals"), TargetState.OCCUPIED, version("flyway", "1.10.0"))
                .schemaVersionDiffers()).isFalse();
    }

    @Test
    void a_version_on_one_side_only_differs_and_none_on_either_does_not() {
        assertThat(plan(Map.of(), TargetState.OCCUPIED, version("liquibase", "7")).schemaVersionDiffers()).isTrue();
        assertThat(plan(Map.of("liquibase", "7 by jane"), TargetState.OCCUPIED, Optional.empty())
                .schemaVersionDiffers()).isTrue();
        assertThat(plan(Map.of(), TargetState.OCCUPIED, Optional.empty()).schemaVersionDiffers()).isFalse();
    }

    @Test
    void a_restore_that_replaces_nothing_has_nothing_to_say() {
        assertThat(plan(Map.of("user_version", "3"), TargetState.ABSENT, Optional.empty()).schemaVersionDiffers())
                .isFalse();
        assertThat(plan(Map.of("user_version", "3"), TargetState.EMPTY, Optional.empty()).schemaVersionDiffers())
                .isFalse();
    }

    private static RestorePlan plan(Map<String, String> recorded, TargetState state, Optional<SchemaVersion> target) {
        Manifest base = Fixtures.manifest("shop", Fixtures.NOW);
        Manifest manifest = new Manifest(base.formatVersion(), base.toolVersion(), base.createdAt(), base.engineId(),
                base.engineVersion(), SourceInfo.of("/data/shop.db", "shop", 100, recorded, Map.of()), base.label(),
                base.fingerprint(), base.options(), base.parts(), base.warnings());
        return new RestorePlan(Fixtures.archive("shop_2026-12-06T10-00-00Z.lifeboat.tar"), manifest,
                DatabaseLocation.of("/data/shop.db"), state, target);
    }

    private static Optional<SchemaVersion> version(String recordedBy, String value) {
        return Optional.of(new SchemaVersion(recordedBy, value));
    }
}
