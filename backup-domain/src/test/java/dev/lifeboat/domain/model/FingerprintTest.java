package dev.lifeboat.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    @Test
    void equal_fingerprints_have_no_differences() {
        Fingerprint fingerprint = fingerprint(Map.of("user_version", "3"), Map.of("t", new TableFingerprint(2, A)));

        assertThat(fingerprint.differencesFrom(fingerprint(Map.of("user_version", "3"),
                Map.of("t", new TableFingerprint(2, A))))).isEmpty();
    }

    @Test
    void every_difference_is_named() {
        Fingerprint expected = fingerprint(Map.of("user_version", "3"), Map.of(
                "counted", new TableFingerprint(2, A),
                "changed", new TableFingerprint(5, A),
                "missing", new TableFingerprint(1, A)));
        Fingerprint actual = new Fingerprint(expected.algorithm(), "other schema", new java.util.TreeMap<>(Map.of("user_version", "4")),
                new java.util.TreeMap<>(Map.of(
                        "counted", new TableFingerprint(3, A),
                        "changed", new TableFingerprint(5, B),
                        "extra", new TableFingerprint(7, A))));

        assertThat(expected.differencesFrom(actual)).containsExactly(
                "schema differs",
                "user_version: expected 3, found 4",
                "table changed: same row count (5) but different contents",
                "table counted: expected 2 rows, found 3",
                "table extra: not in the backup, found 7 rows",
                "table missing: missing (expected 1 rows)");
    }

    @Test
    void total_rows_add_up_every_table() {
        assertThat(fingerprint(Map.of(), Map.of("a", new TableFingerprint(2, A), "b", new TableFingerprint(40, B)))
                .totalRows()).isEqualTo(42);
    }

    private static Fingerprint fingerprint(Map<String, String> attributes, Map<String, TableFingerprint> tables) {
        return Fingerprint.of("test-v1", "schema", attributes, tables);
    }
}
