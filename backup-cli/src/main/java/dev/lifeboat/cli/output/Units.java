package dev.lifeboat.cli.output;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How sizes, counts, durations and times read in the human output. */
public final class Units {

    private static final String[] SIZE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private Units() {
    }

    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, SIZE_UNITS[unit]);
    }

    public static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    public static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = duration.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    /** An age as people say it: "45s", "12m", "26h 5m", "3d 4h". */
    public static String age(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m";
        }
        if (seconds < 3 * 86_400) {
            return seconds / 3600 + "h" + (seconds / 60 % 60 == 0 ? "" : " " + seconds / 60 % 60 + "m");
        }
        return seconds / 86_400 + "d" + (seconds / 3600 % 24 == 0 ? "" : " " + seconds / 3600 % 24 + "h");
    }

    public static String utc(Instant instant) {
        return UTC_TIME.format(instant);
    }

    /** Raw size over stored size, as "3.2"; "-" when nothing was stored. */
    public static String ratio(long rawBytes, long storedBytes) {
        return storedBytes <= 0 ? "-" : String.format(Locale.ROOT, "%.1f", (double) rawBytes / storedBytes);
    }

    public static String plural(long count, String singular, String plural) {
        return count(count) + " " + (count == 1 ? singular : plural);
    }
}
