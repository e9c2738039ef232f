package dev.lifeboat.cli.report;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One line of a chart: a database's values over time.
 *
 * @param name   what the legend calls it (the database)
 * @param points its points, any order (drawn oldest first)
 */
record ChartSeries(String name, List<Point> points) {

    ChartSeries {
        Objects.requireNonNull(name, "name");
        points = points.stream().sorted(Comparator.comparing(Point::time)).toList();
    }

    /**
     * One value at one time.
     *
     * @param time  when (the x axis)
     * @param value the figure (the y axis), in the chart's base unit (bytes, seconds, rows, a ratio)
     * @param label what the point is (the archive's name), for its tooltip and the table
     */
    record Point(Instant time, double value, String label) {

        Point {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(label, "label");
            if (!Double.isFinite(value) || value < 0) {
                throw new IllegalArgumentException("a chart value must be finite and not negative: " + value);
            }
        }
    }
}
