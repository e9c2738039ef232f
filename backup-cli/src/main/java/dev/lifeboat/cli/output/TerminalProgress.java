package dev.lifeboat.cli.output;

import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.ProgressUnit;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A progress bar on stderr: activity, bar, done/total, rate and time left, redrawn in place at most ten times a
 * second. Steps that run at the same time (streaming and fingerprinting a snapshot) share the line. Used only when
 * stderr is a terminal; otherwise the command line reports no progress at all.
 */
public final class TerminalProgress implements Progress {

    private static final int BAR_WIDTH = 24;
    private static final long REDRAW_MILLIS = 100;

    private final PrintWriter err;
    private final Clock clock;
    private final int width;
    private final Map<Object, String> active = new LinkedHashMap<>();
    private long lastDrawn;

    public TerminalProgress(PrintWriter err, Clock clock, int width) {
        this.err = err;
        this.clock = clock;
        this.width = width;
    }

    @Override
    public Task start(String activity, long total, ProgressUnit unit) {
        long started = clock.millis();
        Object key = new Object();
        update(key, activity, true);
        return new Task() {
            @Override
            public void update(long done) {
                TerminalProgress.this.update(key, line(activity, done, total, unit, clock.millis() - started), false);
            }

            @Override
            public void close() {
                finish(key);
            }
        };
    }

    private synchronized void update(Object key, String segment, boolean force) {
        active.put(key, segment);
        long now = clock.millis();
        if (force || now - lastDrawn >= REDRAW_MILLIS) {
            lastDrawn = now;
            draw();
        }
    }

    private synchronized void finish(Object key) {
        active.remove(key);
        draw();
    }

    private void draw() {
        String line = String.join("  |  ", active.values());
        if (line.length() >= width) {
            line = line.substring(0, width - 1);
        }
        err.print("\r\u001b[K" + line);
        err.flush();
    }

    static String line(String activity, long done, long total, ProgressUnit unit, long elapsedMillis) {
        StringBuilder line = new StringBuilder(activity);
        double rate = elapsedMillis > 0 ? done * 1000.0 / elapsedMillis : 0;
        if (total > 0) {
            int filled = (int) Math.min(BAR_WIDTH, BAR_WIDTH * done / total);
            line.append("  [").append("#".repeat(filled)).append("-".repeat(BAR_WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%%", Math.min(100, 100 * done / total)))
                    .append("  ").append(amount(done, unit)).append('/').append(amount(total, unit));
        } else {
            line.append("  ").append(amount(done, unit));
        }
        if (rate >= 1) {
            line.append("  ").append(amount((long) rate, unit)).append("/s");
            if (total > done) {
                long secondsLeft = (long) ((total - done) / rate);
                line.append(String.format(Locale.ROOT, "  ETA %d:%02d", secondsLeft / 60, secondsLeft % 60));
            }
        }
        return line.toString();
    }

    private static String amount(long value, ProgressUnit unit) {
        return switch (unit) {
            case BYTES -> Units.bytes(value);
            case PAGES -> Units.count(value) + " pages";
            case ROWS -> Units.count(value) + " rows";
            case ITEMS -> Units.count(value);
        };
    }
}
