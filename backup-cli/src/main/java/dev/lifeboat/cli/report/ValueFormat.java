package dev.lifeboat.cli.report;

import java.util.Locale;

/** How a chart's values read on its axis, in its tooltips and in its table: the unit and its scaling. */
enum ValueFormat {

    /** Bytes, shown in the binary unit that suits the largest value (KiB, MiB, GiB). */
    BYTES("bytes"),
    /** Seconds, shown as seconds or minutes. */
    SECONDS("seconds"),
    /** A count (rows). */
    COUNT("rows"),
    /** Raw size over stored size. */
    RATIO("ratio");

    private final String quantity;

    ValueFormat(String quantity) {
        this.quantity = quantity;
    }

    String quantity() {
        return quantity;
    }

    /** The unit the axis of a chart whose largest value is {@code max} is labelled in, and its size in base units. */
    Unit unitFor(double max) {
        return switch (this) {
            case BYTES -> max >= 1L << 30 ? new Unit("GiB", 1L << 30) : max >= 1L << 20 ? new Unit("MiB", 1L << 20)
                    : max >= 1L << 10 ? new Unit("KiB", 1L << 10) : new Unit("bytes", 1);
            case SECONDS -> max >= 600 ? new Unit("min", 60) : new Unit("s", 1);
            case COUNT -> max >= 10_000_000 ? new Unit("million rows", 1_000_000)
                    : max >= 10_000 ? new Unit("thousand rows", 1000) : new Unit("rows", 1);
            case RATIO -> new Unit("× (raw ÷ stored)", 1);
        };
    }

    /** A value in a unit, as the table and tooltips show it. */
    String format(double value, Unit unit) {
        double scaled = value / unit.size();
        if (this == COUNT && unit.size() == 1) {
            return String.format(Locale.ROOT, "%,d", Math.round(scaled));
        }
        return String.format(Locale.ROOT, scaled >= 100 ? "%.0f" : scaled >= 10 ? "%.1f" : "%.2f", scaled);
    }

    /**
     * A unit of display.
     *
     * @param name what it is called on the axis
     * @param size how many base units it is
     */
    record Unit(String name, double size) {
    }
}
