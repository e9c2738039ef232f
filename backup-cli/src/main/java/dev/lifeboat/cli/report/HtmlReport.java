package dev.lifeboat.cli.report;

import dev.lifeboat.domain.model.LastVerification;
import dev.lifeboat.domain.model.VerificationRecord;
import dev.lifeboat.domain.port.in.BackupPoint;
import dev.lifeboat.domain.port.in.DatabaseFreshness;
import dev.lifeboat.domain.port.in.DatabaseHistory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The report as one self-contained HTML page: no script, no font, no image or style from anywhere (a
 * Content-Security-Policy forbids every network load), charts as inline SVG with the same figures in a table under
 * each, light and dark following the reader's setting, and a layout that fits a phone's width and prints.
 */
public final class HtmlReport {

    /** Nothing may be fetched: styles are inline, images only data: URIs (none today), scripts none at all. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "base-uri 'none'; form-action 'none'";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    private final String repository;
    private final Instant generatedAt;
    private final String toolVersion;

    /**
     * @param repository  where the backups are, for the heading
     * @param generatedAt when the report was made
     * @param toolVersion the lifeboat that made it
     */
    public HtmlReport(String repository, Instant generatedAt, String toolVersion) {
        this.repository = repository;
        this.generatedAt = generatedAt;
        this.toolVersion = toolVersion;
    }

    /** The whole page. */
    public String render(List<DatabaseHistory> histories) {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CONTENT_SECURITY_POLICY)
                .append("\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"color-scheme\" content=\"light dark\">\n")
                .append("<title>lifeboat report: ").append(Html.escape(repository)).append("</title>\n<style>")
                .append(STYLE).append("</style>\n</head>\n<body>\n<main>\n");
        html.append("<h1>Backups in ").append(Html.escape(repository)).append("</h1>\n");
        html.append("<p class=\"meta\">Made by lifeboat ").append(Html.escape(toolVersion)).append(" at ")
                .append(TIME.format(generatedAt)).append(" UTC from the manifests and verification records; no archive "
                        + "was read. All times are UTC.</p>\n");
        status(html, histories);
        int chart = 0;
        for (Metric metric : METRICS) {
            chart(html, "chart-" + chart++, metric, histories);
        }
        for (DatabaseHistory history : histories) {
            database(html, history);
        }
        return html.append("</main>\n</body>\n</html>\n").toString();
    }

    /** A figure of a backup that the report charts. */
    private record Metric(String title, ValueFormat format, Function<BackupPoint, Optional<Double>> value) {
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("Archive size", ValueFormat.BYTES, point -> Optional.of((double) point.storedBytes())),
            new Metric("Backup duration", ValueFormat.SECONDS,
                    point -> point.duration().map(duration -> duration.toMillis() / 1000.0)),
            new Metric("Rows", ValueFormat.COUNT, point -> point.rows().map(Long::doubleValue)),
            new Metric("Compression ratio", ValueFormat.RATIO, BackupPoint::compressionRatio));

    private static void status(StringBuilder html, List<DatabaseHistory> histories) {
        html.append("<section>\n<h2>At a glance</h2>\n");
        if (histories.isEmpty()) {
            html.append("<p>No backups in this repository.</p>\n</section>\n");
            return;
        }
        html.append("<div class=\"scroll\"><table class=\"status\">\n<thead><tr><th>Database</th><th>Status</th>"
                + "<th>Newest backup</th><th>Age</th><th>Max-age</th><th>Last verification of the newest</th>"
                + "<th>Backups</th><th>Days without a backup</th></tr></thead>\n<tbody>\n");
        for (DatabaseHistory history : histories) {
            DatabaseFreshness freshness = history.freshness();
            String status = switch (freshness.status()) {
                case FRESH -> "fresh";
                case STALE -> "stale";
                case FAILED -> "failed";
            };
            html.append("<tr data-database=\"").append(Html.escape(history.database())).append("\"><td>")
                    .append(Html.escape(history.database())).append("</td><td class=\"").append(status).append("\">")
                    .append(status).append("</td><td>").append(freshness.createdAt().map(TIME::format).orElse("none"))
                    .append("</td><td>").append(freshness.age().map(HtmlReport::age).orElse("-")).append("</td><td>")
                    .append(age(freshness.maxAge())).append("</td><td>").append(Html.escape(verification(
                            freshness.verification()))).append("</td><td class=\"number\">").append(history.backups()
                            .size()).append("</td><td class=\"number\">").append(history.gaps().stream()
                            .mapToLong(DatabaseHistory.Gap::days).sum()).append("</td></tr>\n");
        }
        html.append("</tbody></table></div>\n</section>\n");
    }

    private static void chart(StringBuilder html, String id, Metric metric, List<DatabaseHistory> histories) {
        List<ChartSeries> series = new ArrayList<>();
        for (DatabaseHistory history : histories) {
            List<ChartSeries.Point> points = new ArrayList<>();
            for (BackupPoint point : history.backups()) {
                metric.value().apply(point).ifPresent(value -> points.add(new ChartSeries.Point(point.createdAt(),
                        value, point.name())));
            }
            series.add(new ChartSeries(history.database(), points));
        }
        SvgLineChart chart = new SvgLineChart(id, metric.title(), metric.format());
        ValueFormat.Unit unit = chart.unit(series);
        html.append("<section class=\"figure\">\n<h2>").append(Html.escape(metric.title())).append("</h2>\n<figure>")
                .append(chart.render(series)).append("\n<figcaption>").append(Html.escape(metric.title()))
                .append(" of each backup, in ").append(Html.escape(unit.name())).append(". The same figures:")
                .append("</figcaption>\n</figure>\n<details open><summary>Table</summary><div class=\"scroll figures\">")
                .append("<table class=\"figures\" data-chart=\"").append(id).append("\">\n<thead><tr><th>Database</th>")
                .append("<th>Taken (UTC)</th><th>Archive</th><th>").append(Html.escape(metric.title())).append(" (")
                .append(Html.escape(unit.name())).append(")</th></tr></thead>\n<tbody>\n");
        for (ChartSeries line : series) {
            for (ChartSeries.Point point : line.points()) {
                html.append("<tr><td>").append(Html.escape(line.name())).append("</td><td>")
                        .append(TIME.format(point.time())).append("</td><td>").append(Html.escape(point.label()))
                        .append("</td><td class=\"number\">").append(Html.escape(metric.format().format(point.value(),
                                unit))).append("</td></tr>\n");
            }
        }
        html.append("</tbody></table></div></details>\n</section>\n");
    }

    private static void database(StringBuilder html, DatabaseHistory history) {
        html.append("<section class=\"database\" data-database=\"").append(Html.escape(history.database()))
                .append("\">\n<h2>").append(Html.escape(history.database())).append("</h2>\n<p>Retention: ")
                .append(Html.escape(history.retention().isEmpty() ? "none configured (every backup is kept)"
                        : history.retention().describe()));
        long removed = history.backups().stream().filter(point -> point.kept().equals(Optional.of(false))).count();
        if (!history.retention().isEmpty()) {
            html.append("; the next prune removes ").append(removed).append(removed == 1 ? " backup" : " backups");
        }
        html.append(".</p>\n");
        if (!history.gaps().isEmpty()) {
            html.append("<p>Days without a backup: ");
            List<String> gaps = history.gaps().stream().map(gap -> gap.days() == 1 ? gap.first().toString()
                    : gap.first() + " to " + gap.last() + " (" + gap.days() + " days)").toList();
            html.append(Html.escape(String.join(", ", gaps))).append(".</p>\n");
        }
        List<String> failures = new ArrayList<>();
        for (BackupPoint point : history.backups()) {
            point.problem().ifPresent(problem -> failures.add(point.name() + " is unreadable: " + problem));
            point.verification().record().filter(record -> !record.passed()).ifPresent(record -> failures.add(
                    point.name() + " failed verification on " + TIME.format(record.verifiedAt()) + " UTC: "
                            + record.firstFailure().map(check -> check.name() + ": " + check.detail()).orElse("")));
        }
        if (!failures.isEmpty()) {
            html.append("<ul class=\"failures\">\n");
            failures.forEach(failure -> html.append("<li>").append(Html.escape(failure)).append("</li>\n"));
            html.append("</ul>\n");
        }
        html.append("<div class=\"scroll\"><table class=\"backups\">\n<thead><tr><th>Backup</th><th>Taken (UTC)</th>"
                + "<th>Size</th><th>Ratio</th><th>Rows</th><th>Duration</th><th>Last verification</th>"
                + "<th>Retention</th></tr></thead>\n<tbody>\n");
        for (int i = history.backups().size() - 1; i >= 0; i--) {
            BackupPoint point = history.backups().get(i);
            ValueFormat.Unit bytes = ValueFormat.BYTES.unitFor(point.storedBytes());
            html.append("<tr data-archive=\"").append(Html.escape(point.name())).append("\"><td>")
                    .append(Html.escape(point.name())).append("</td><td>").append(TIME.format(point.createdAt()))
                    .append("</td><td class=\"number\">").append(ValueFormat.BYTES.format(point.storedBytes(), bytes))
                    .append(' ').append(bytes.name()).append("</td><td class=\"number\">")
                    .append(point.compressionRatio().map(ratio -> String.format(Locale.ROOT, "%.1f", ratio)).orElse("-"))
                    .append("</td><td class=\"number\">").append(point.rows().map(rows -> String.format(Locale.ROOT,
                            "%,d", rows)).orElse("-")).append("</td><td class=\"number\">")
                    .append(point.duration().map(HtmlReport::seconds).orElse("-")).append("</td><td>")
                    .append(Html.escape(verification(point.verification()))).append("</td><td>")
                    .append(point.kept().map(kept -> kept ? "kept" : "removed by the next prune").orElse("kept"))
                    .append("</td></tr>\n");
        }
        html.append("</tbody></table></div>\n</section>\n");
    }

    static String verification(LastVerification last) {
        if (last instanceof LastVerification.Ignored) {
            return "record damaged (ignored)";
        }
        return last.record().map(HtmlReport::verification).orElse("never");
    }

    private static String verification(VerificationRecord record) {
        return (record.passed() ? "passed" : "FAILED") + " (" + record.mode() + ") " + TIME.format(record.verifiedAt());
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    static String age(Duration duration) {
        if (duration.isNegative()) {
            return "in " + age(duration.negated());
        }
        long hours = duration.toHours();
        return hours >= 72 ? hours / 24 + " d" : hours >= 1 ? hours + " h" : Math.max(0, duration.toMinutes()) + " min";
    }

    private static final String STYLE = """
            :root { color-scheme: light dark; --fg: #1b1b1b; --bg: #ffffff; --muted: #5f6368; --grid: #d9d9d9;
              --ok: #006d4f; --bad: #b3261e; --warn: #8a5300; }
            @media (prefers-color-scheme: dark) {
              :root { --fg: #e8e8e8; --bg: #15171a; --muted: #a0a4a8; --grid: #3a3d42;
                --ok: #5fd4a6; --bad: #ff8a80; --warn: #ffc46b; }
            }
            * { box-sizing: border-box; }
            body { margin: 0; background: var(--bg); color: var(--fg);
              font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
            main { max-width: 980px; margin: 0 auto; padding: 16px; }
            h1 { font-size: 1.5em; margin: 0.2em 0; word-break: break-all; }
            h2 { font-size: 1.2em; margin: 1.6em 0 0.4em; }
            .meta { color: var(--muted); }
            .scroll { overflow-x: auto; }
            table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
            th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--grid); vertical-align: top; }
            td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            .fresh { color: var(--ok); font-weight: 600; }
            .stale { color: var(--warn); font-weight: 600; }
            .failed, .failures { color: var(--bad); font-weight: 600; }
            figure { margin: 0; }
            figcaption { color: var(--muted); font-size: 0.9em; }
            svg.chart { width: 100%; height: auto; display: block; color: var(--fg); font-size: 12px; }
            svg.chart text { fill: currentColor; }
            svg.chart .axis line { stroke: currentColor; }
            svg.chart line.grid { stroke: var(--grid); }
            svg.chart .unit { fill: var(--muted); }
            details summary { cursor: pointer; color: var(--muted); }
            div.figures { max-height: 14em; overflow-y: auto; }
            div.figures thead th { position: sticky; top: 0; background: var(--bg); }
            @media (max-width: 600px) { main { padding: 8px; } body { font-size: 14px; } th, td { padding: 3px 4px; }
              svg.chart { font-size: 18px; } svg.chart .minor { display: none; } }
            @media print { :root { --fg: #000; --bg: #fff; --muted: #444; --grid: #ccc; --ok: #006d4f; --bad: #b3261e;
              --warn: #8a5300; } div.figures { max-height: none; } .scroll { overflow: visible; } }
            """;
}
