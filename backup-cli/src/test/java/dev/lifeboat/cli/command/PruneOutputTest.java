package dev.lifeboat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.cli.output.JsonDocuments;
import dev.lifeboat.cli.output.JsonText;
import dev.lifeboat.domain.policy.RetentionDecision;
import dev.lifeboat.domain.port.in.PruneReport;
import dev.lifeboat.domain.port.in.PrunedGroup;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a prune that a retention period partly held back reads, for people and for scripts. */
class PruneOutputTest {

    private static final PruneReport REPORT = new PruneReport(false, "last 1", List.of(new PrunedGroup(
            Map.of("database", "shop"), List.of(
                    new RetentionDecision("shop_c.lifeboat.tar", Instant.parse("2026-01-03T00:00:00Z"), List.of("last 1")),
                    new RetentionDecision("shop_b.lifeboat.tar", Instant.parse("2026-01-02T00:00:00Z"), List.of()),
                    new RetentionDecision("shop_a.lifeboat.tar", Instant.parse("2026-01-01T00:00:00Z"), List.of())))),
            List.of(), List.of(), List.of("shop_b.lifeboat.tar"));

    @Test
    void a_retained_backup_is_shown_as_retained_and_not_counted_as_removed() {
        StringWriter text = new StringWriter();
        PruneBackupsCommand.describe(REPORT, new PrintWriter(text));

        assertThat(text.toString())
                .containsPattern("remove +2026-01-01 00:00:00 +shop_a.lifeboat.tar")
                .containsPattern("retained +2026-01-02 00:00:00 +shop_b.lifeboat.tar +the repository's retention period")
                .contains("Removed 1 backups, kept 1.", "1 backup retained by the repository's retention period");
    }

    @Test
    void json_lists_the_retained_backups_and_marks_each() {
        String json = JsonText.of(JsonDocuments.prune(REPORT));

        assertThat(json).contains("\"removed\": 1", "\"retained\": [\n    \"shop_b.lifeboat.tar\"\n  ]");
        assertThat(json.replaceAll("\\s+", " "))
                .contains("\"name\": \"shop_b.lifeboat.tar\", \"createdAt\": \"2026-01-02T00:00:00Z\", \"kept\": false, "
                        + "\"reasons\": [], \"retained\": true")
                .contains("\"name\": \"shop_a.lifeboat.tar\", \"createdAt\": \"2026-01-01T00:00:00Z\", \"kept\": false, "
                        + "\"reasons\": [], \"retained\": false");
    }
}
