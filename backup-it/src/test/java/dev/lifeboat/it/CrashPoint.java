package dev.lifeboat.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A moment in a run, told by what the run has done so far (bytes written, a file or database that appeared, a
 * statement the server runs), never by time.
 *
 * @param name          what has happened when the point is reached, for the report
 * @param reached       whether the run has come that far; asked again and again while it runs
 * @param poll          how long to wait between two questions: short for a look at a file, longer for a query
 * @param mayFinishFirst whether the run may legitimately end before a kill lands: points after the commit or the
 *                      swap, where what is left to do takes milliseconds
 */
record CrashPoint(String name, Condition reached, Duration poll, boolean mayFinishFirst) {

    /** How far a run has come. */
    @FunctionalInterface
    interface Condition {
        boolean reached(CrashRun run) throws Exception;
    }

    /** How a run measures its progress, as a number that grows from 0 to its calibrated end. */
    @FunctionalInterface
    interface Measure {
        long measure(CrashRun run) throws Exception;
    }

    /**
     * How often a point is looked for: often enough to land within a hundredth of a run, seldom enough to leave the
     * CPU to lifeboat (the matrix is bound by it on 2 cores). A server is asked less often than /proc is read.
     */
    static final Duration FILE_POLL = Duration.ofMillis(2);
    static final Duration QUERY_POLL = Duration.ofMillis(10);

    static CrashPoint onFiles(String name, Condition reached) {
        return new CrashPoint(name, reached, FILE_POLL, false);
    }

    static CrashPoint onServer(String name, Condition reached) {
        return new CrashPoint(name, reached, QUERY_POLL, false);
    }

    /** Right after the process was started: before the JVM has done anything. */
    static CrashPoint atStart() {
        return onFiles("started", run -> true);
    }

    private static final Duration RUN_LIMIT = Duration.ofMinutes(2);

    /**
     * Waits until the run reaches this point: true then, with the run still going (or ending right now); false if
     * the run ended before.
     */
    boolean awaitIn(CrashRun run) throws Exception {
        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        while (!reached.reached(run)) {
            if (!run.isAlive()) {
                return false;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(run + " did not get to the point '" + name + "' within " + RUN_LIMIT);
            }
            LockSupport.parkNanos(poll.toNanos());
        }
        return true;
    }

    CrashPoint finishingFirstAllowed() {
        return new CrashPoint(name, reached, poll, true);
    }

    /**
     * Points spread evenly over a measured stretch of the run: {@code from + f * (to - from)} for f = step, 2 step, ...
     * below 1.
     */
    static List<CrashPoint> spread(String what, long from, long to, double step, Duration poll, Measure measure) {
        List<CrashPoint> points = new ArrayList<>();
        for (int i = 1; i * step < 1 - 1e-9; i++) {
            double fraction = i * step;
            long threshold = from + Math.round(fraction * (to - from));
            points.add(new CrashPoint(String.format("%s at %.1f%%", what, fraction * 100),
                    run -> measure.measure(run) >= threshold, poll, false));
        }
        return points;
    }
}
