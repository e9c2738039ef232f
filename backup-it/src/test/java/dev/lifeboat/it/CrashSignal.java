package dev.lifeboat.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops a run halfway with SIGTERM (what systemd, Kubernetes and kill send) or SIGINT (Ctrl-C) and checks what
 * issue #5 asks: it stops within 2 seconds, exits 130, removes its partial files and releases the repository lock,
 * so that the next backup neither finds the repository locked nor has anything to clean up.
 */
final class CrashSignal {

    /**
     * The stop time documented (docs/reliability.md) and asked for by issue #5. The slowest stop measured is about
     * 155 ms, a margin of more than ten times; the measured time is reported either way.
     */
    static final Duration BOUND = Duration.ofSeconds(2);
    private static final Duration GIVE_UP = Duration.ofMinutes(1);

    /** What else must hold after the run stopped, such as a target left as it was; empty when it does. */
    @FunctionalInterface
    interface Check {
        List<String> problems() throws Exception;
    }

    /** How one signal went: how long the run took to stop after it, and what was wrong. */
    record Stop(String signal, long millis, List<String> problems) {
    }

    /** The stops of one kind of run, for the report. */
    record Tally(String label, List<Stop> stops) {

        void print() {
            long passed = stops.stream().filter(stop -> stop.problems().isEmpty()).count();
            long slowest = stops.stream().mapToLong(Stop::millis).max().orElse(-1);
            System.out.println("RELIABILITY " + label + " signals=" + stops.size() + " passed=" + passed
                    + " slowest-stop-ms=" + slowest);
            stops.forEach(stop -> System.out.println("  " + label + " SIG" + stop.signal() + ": stopped in "
                    + stop.millis() + " ms" + (stop.problems().isEmpty() ? "" : "; FAILED " + stop.problems())));
        }

        List<String> failures() {
            return stops.stream().filter(stop -> !stop.problems().isEmpty())
                    .map(stop -> label + " SIG" + stop.signal() + ": " + String.join("; ", stop.problems())).toList();
        }
    }

    private CrashSignal() {
    }

    /**
     * Sends the signal once the run reaches the point.
     *
     * @param signal       TERM (sent with {@link Process#destroy()}) or INT (sent with kill(1))
     * @param smallSource  a database to back up into the same repository afterwards, quickly, to see the lock free
     */
    static Stop send(String signal, Path work, CrashMatrix.Scenario scenario, CrashPoint point,
                     CrashRepositoryCheck repositoryCheck, CrashRepository repository, String smallSource,
                     Check targetCheck) throws Exception {
        scenario.prepare();
        CrashRun run = scenario.start();
        long millis;
        int exit;
        try {
            if (!point.awaitIn(run)) {
                return new Stop(signal, -1, List.of("the run ended before " + point.name() + ": exit " + run.awaitExit()
                        + ", " + run.stderr().strip()));
            }
            long sent = System.nanoTime();
            if (signal.equals("TERM")) {
                run.terminate();
            } else {
                run.signal(signal);
            }
            if (!run.awaitExit(GIVE_UP)) {
                return new Stop(signal, GIVE_UP.toMillis(), List.of("still running " + GIVE_UP.toSeconds()
                        + " s after SIG" + signal + " (sent when " + point.name() + ")"));
            }
            millis = (System.nanoTime() - sent) / 1_000_000;
            exit = run.awaitExit();
        } finally {
            run.stop();
        }
        List<String> problems = new ArrayList<>();
        if (millis > BOUND.toMillis()) {
            problems.add("took " + millis + " ms to stop after SIG" + signal + " (sent when " + point.name() + ")");
        }
        if (exit != 130) {
            problems.add("exit " + exit + " instead of 130; stderr: " + run.stderr().strip());
        } else if (!run.stderr().contains("interrupted")) {
            problems.add("did not say it was interrupted; stderr: " + run.stderr().strip());
        }
        if (!repository.temporaryFiles().isEmpty()) {
            problems.add("left partial files in the repository: " + repository.temporaryFiles());
        }
        if (!repository.isReleased()) {
            problems.add("left the repository's lock file naming it as the holder");
        }
        problems.addAll(repositoryCheck.afterKill(run));
        problems.addAll(targetCheck.problems());
        LifeboatProcess.Result following = LifeboatProcess.run(work, "backup", smallSource);
        if (following.exitCode() != 0) {
            problems.add("the following backup failed: " + following);
        } else if (following.stderr().contains("stale lock") || following.stderr().contains("interrupted run")) {
            problems.add("the following backup had to clean up after the stopped run: " + following.stderr().strip());
        }
        repositoryCheck.acceptListing();
        return new Stop(signal, millis, problems);
    }
}
