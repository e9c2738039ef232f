package dev.lifeboat.cli.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A line chart of values over time as SVG, made here so it needs no script, prints, and can be checked by parsing:
 * a y axis from 0 with round ticks in the unit that suits the values, a time axis with UTC dates, a legend, and one
 * line with a marker per point for each series. Each marker carries its figures ({@code data-series},
 * {@code data-label}, {@code data-time}, {@code data-value} in base units) and a tooltip. Colours come from
 * {@link Palette}; axes and text use the page's text colour, so the chart follows light and dark themes. The
 * view box scales to the width of the page, a phone's included; every other date label is of class {@code minor},
 * which a narrow page hides so the larger text does not overlap.
 */
final class SvgLineChart {

    static final int WIDTH = 720;
    static final int HEIGHT = 320;
    static final int LEFT = 70;
    static final int RIGHT = 20;
    static final int TOP = 40;
    static final int BOTTOM = 44;
    private static final int Y_TICKS = 4;
    private static final int X_TICKS = 5;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final String id;
    private final String title;
    private final ValueFormat format;

    /**
     * @param id     unique in the page, for the title's id
     * @param title  what the chart shows, such as "Archive size"
     * @param format the values' unit
     */
    SvgLineChart(String id, String title, ValueFormat format) {
        this.id = Objects.requireNonNull(id, "id");
        this.title = Objects.requireNonNull(title, "title");
        this.format = Objects.requireNonNull(format, "format");
    }

    /** The unit the chart's axis and table use for these series. */
    ValueFormat.Unit unit(List<ChartSeries> series) {
        return format.unitFor(max(series));
    }

    String render(List<ChartSeries> series) {
        List<ChartSeries.Point> all = series.stream().flatMap(line -> line.points().stream()).toList();
        ValueFormat.Unit unit = unit(series);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title\" data-chart=\"")
                .append(id).append("\" data-unit=\"").append(Html.escape(unit.name())).append("\">\n");
        svg.append("<title id=\"").append(id).append("-title\">").append(Html.escape(title)).append(" over time, in ")
                .append(Html.escape(unit.name())).append("</title>\n");
        if (all.isEmpty()) {
            svg.append("<text x=\"").append(WIDTH / 2).append("\" y=\"").append(HEIGHT / 2)
                    .append("\" text-anchor=\"middle\" class=\"empty\">no figures to chart</text>\n</svg>");
            return svg.toString();
        }
        Instant first = all.stream().map(ChartSeries.Point::time).min(Instant::compareTo).orElseThrow();
        Instant last = all.stream().map(ChartSeries.Point::time).max(Instant::compareTo).orElseThrow();
        if (!last.isAfter(first)) {
            first = first.minus(Duration.ofHours(12));
            last = last.plus(Duration.ofHours(12));
        }
        double top = niceCeiling(max(series) / unit.size()) * unit.size();
        Scale scale = new Scale(first, last, top);

        svg.append("<g class=\"axis y\">\n");
        for (int i = 0; i <= Y_TICKS; i++) {
            double value = top * i / Y_TICKS;
            double y = scale.y(value);
            svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, WIDTH - RIGHT, y, y, LEFT - 6,
                    y + 4, Html.escape(format.format(value, unit))));
        }
        svg.append(String.format(Locale.ROOT, "<text class=\"unit\" x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" "
                + "text-anchor=\"middle\">%s</text>%n", (TOP + HEIGHT - BOTTOM) / 2, (TOP + HEIGHT - BOTTOM) / 2,
                Html.escape(unit.name())));
        svg.append("</g>\n<g class=\"axis x\">\n");
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>%n", LEFT, WIDTH - RIGHT,
                HEIGHT - BOTTOM, HEIGHT - BOTTOM));
        boolean short_ = Duration.between(first, last).compareTo(Duration.ofDays(3)) < 0;
        for (int i = 0; i <= X_TICKS; i++) {
            Instant at = first.plusMillis(Duration.between(first, last).toMillis() * i / X_TICKS);
            double x = scale.x(at);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\"%s>%s</text>%n", x, x, HEIGHT - BOTTOM,
                    HEIGHT - BOTTOM + 5, x, HEIGHT - BOTTOM + 18, i == 0 ? "start" : i == X_TICKS ? "end" : "middle",
                    i % 2 == 1 ? " class=\"minor\"" : "", (short_ ? HOUR : DAY).format(at)));
        }
        svg.append(String.format(Locale.ROOT, "<text class=\"unit\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
                + "time (UTC)</text>%n", (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 6));
        svg.append("</g>\n<g class=\"legend\">\n");
        int legendX = LEFT;
        for (int s = 0; s < series.size(); s++) {
            String name = series.get(s).name();
            svg.append(String.format(Locale.ROOT, "<g class=\"legend-item\" data-series=\"%s\"><rect x=\"%d\" y=\"12\" "
                    + "width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"22\">%s</text></g>%n",
                    Html.escape(name), legendX, Palette.colour(s), legendX + 16, Html.escape(name)));
            legendX += 32 + 11 * name.length();   // room for the name at the larger font a phone gets
        }
        svg.append("</g>\n");
        for (int s = 0; s < series.size(); s++) {
            ChartSeries line = series.get(s);
            String colour = Palette.colour(s);
            svg.append("<g class=\"series\" data-series=\"").append(Html.escape(line.name())).append("\">\n");
            StringBuilder path = new StringBuilder();
            for (ChartSeries.Point point : line.points()) {
                path.append(String.format(Locale.ROOT, "%.1f,%.1f ", scale.x(point.time()), scale.y(point.value())));
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"")
                    .append(path.toString().trim()).append("\"/>\n");
            for (ChartSeries.Point point : line.points()) {
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\" "
                                + "data-series=\"%s\" data-label=\"%s\" data-time=\"%s\" data-value=\"%s\"><title>%s "
                                + "%s UTC: %s %s</title></circle>%n", scale.x(point.time()), scale.y(point.value()),
                        colour, Html.escape(line.name()), Html.escape(point.label()), point.time(),
                        plain(point.value()), Html.escape(line.name()), DAY.format(point.time()) + " "
                                + HOUR.format(point.time()).substring(6), Html.escape(format.format(point.value(),
                                unit)), Html.escape(unit.name())));
            }
            svg.append("</g>\n");
        }
        return svg.append("</svg>").toString();
    }

    /** A value as data: an integer without a fraction, else as Java prints a double. */
    static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }

    /** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least the value (1 for nothing). */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * power >= value * (1 - 1e-12)) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static double max(List<ChartSeries> series) {
        return series.stream().flatMap(line -> line.points().stream()).mapToDouble(ChartSeries.Point::value).max()
                .orElse(0);
    }

    /** Maps times and values to the plot area. */
    private record Scale(Instant first, Instant last, double top) {

        double x(Instant time) {
            double span = Duration.between(first, last).toMillis();
            return LEFT + (WIDTH - LEFT - RIGHT) * Duration.between(first, time).toMillis() / span;
        }

        double y(double value) {
            return HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * value / top;
        }
    }
}
