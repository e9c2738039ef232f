package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a repository with a few dozen backups, rendered by a real browser (headless Chromium) as a reader
 * would open it: the charts' points are the manifests' figures, and the page loads with no console error and no
 * request beyond its own file.
 */
class ReportIT {

    private static final Instant FIRST = Instant.parse("2026-10-01T02:30:00Z");

    @TempDir
    Path directory;

    @Test
    void chromium_renders_the_report_with_every_backups_figures_no_console_error_and_no_request() throws Exception {
        Path repository = directory.resolve("repo");
        Path shop = Files.copy(Path.of("../examples/shop.db"), directory.resolve("shop.db"));
        Path orders = Files.copy(Path.of("../examples/shop.db"), directory.resolve("orders.db"));
        Instant last = FIRST;
        for (int day = 0; day < 24; day++) {
            if (day == 12 || day == 13) {
                continue;   // two days without a backup
            }
            last = FIRST.plus(Duration.ofDays(day));
            backUp(repository, shop, last);
            if (day % 3 == 0) {
                backUp(repository, orders, last.plus(Duration.ofMinutes(20)));
            }
        }
        Instant now = last.plus(Duration.ofHours(2));
        assertThat(run(now, "verify", "--repo", repository.toString(), "latest:shop").exitCode()).isZero();
        LifeboatProcess.Result report = run(now, "report", "--repo", repository.toString(), "-o", "report.html");
        assertThat(report.exitCode()).as(report.stderr()).isZero();
        JsonNode listing = Json.parse(run(now, "list", "--repo", repository.toString(), "--json").stdout());
        Map<String, Long> sizes = new TreeMap<>();
        Map<String, Long> rows = new TreeMap<>();
        for (JsonNode backup : listing.get("backups")) {
            sizes.put(backup.get("name").asText(), backup.get("sizeBytes").asLong());
            rows.put(backup.get("name").asText(), backup.get("rows").asLong());
        }
        assertThat(sizes).as("22 days of shop, every third of orders").hasSize(22 + 7);
        Path page = directory.resolve("report.html");

        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            chromium.load(page.toUri());

            assertThat(points(chromium, "chart-0")).as("archive size chart").isEqualTo(sizes);
            assertThat(points(chromium, "chart-2")).as("rows chart").isEqualTo(rows);
            assertThat(chromium.evaluate("[...document.querySelectorAll('svg[data-chart=chart-0] .legend-item')]"
                    + ".map(item => item.dataset.series).join(',')").asText()).isEqualTo("orders,shop");
            assertThat(chromium.evaluate("document.querySelectorAll('table.figures[data-chart=chart-0] tbody tr')"
                    + ".length").asInt()).as("a table row per point").isEqualTo(sizes.size());
            assertThat(chromium.evaluate("document.querySelector('section.database[data-database=shop]').textContent")
                    .asText()).contains("Days without a backup: 2026-10-13 to 2026-10-14 (2 days)");
            assertThat(chromium.evaluate("document.querySelector('tr[data-database=shop] td:nth-child(2)')"
                    + ".textContent").asText()).isEqualTo("fresh");
            assertThat(chromium.evaluate("document.querySelector('svg.chart').getBoundingClientRect().width > 300")
                    .asBoolean()).as("the chart is drawn at the page's width").isTrue();
            assertThat(chromium.errors()).as("console errors").isEmpty();
            assertThat(chromium.requests()).as("requests").containsOnly(page.toUri().toString());
        }
    }

    /** Each marker of a chart, by archive name: its value. */
    private static Map<String, Long> points(HeadlessChromium chromium, String chart) {
        JsonNode markers = chromium.evaluate("[...document.querySelectorAll('svg[data-chart=" + chart + "] circle')]"
                + ".map(c => [c.dataset.label, c.dataset.value])");
        Map<String, Long> values = new HashMap<>();
        for (JsonNode marker : markers) {
            assertThat(values.put(marker.get(0).asText(), Long.parseLong(marker.get(1).asText()))).isNull();
        }
        return new TreeMap<>(values);
    }

    private LifeboatProcess.Result backUp(Path repository, Path database, Instant at) {
        LifeboatProcess.Result result = run(at, "backup", "--repo", repository.toString(), database.toString());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result;
    }

    private LifeboatProcess.Result run(Instant now, String... args) {
        return LifeboatProcess.run(directory, Map.of("LIFEBOAT_NOW", now.toString()), args);
    }
}
