package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The databases a restore makes beside its target: within PostgreSQL's 63 bytes, and never another target's. */
class DatabaseNamesTest {

    @Test
    void a_short_target_keeps_its_whole_name() {
        assertThat(DatabaseNames.restoreScratch("shop")).isEqualTo("shop_lifeboat_restore");
    }

    @Test
    void two_long_targets_sharing_their_beginning_get_scratch_databases_of_their_own() {
        String common = "tenant_" + "x".repeat(50);
        String first = DatabaseNames.restoreScratch(common + "_eu");
        String second = DatabaseNames.restoreScratch(common + "_us");

        assertThat(first).isNotEqualTo(second).startsWith("tenant_xxx").endsWith("_lifeboat_restore");
        assertThat(first.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(63);
        assertThat(second.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(63);
    }
}
