package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Kills one kind of run with SIGKILL at each of a list of points and checks what each kill left behind, collecting
 * every failure instead of stopping at the first, so the report says how many of the kills passed. A kill passes when
 * everything held right after it and the next complete run removed the files it left.
 */
final class CrashMatrix {

    /** Opt-in for a longer run: twice as many points, and a complete run after every kill. */
    static final boolean LONG = Boolean.getBoolean("lifeboat.reliability.long");

    /** The fraction of a run between two spread points, for backups: 17 of them, and 4 points of their own. */
    static final double STEP = LONG ? 1.0 / 36 : 1.0 / 18;

    /** The same for restores: 14, and 7 points of their own (the lock, the safety backup, the swap, ...). */
    static final double COARSE_STEP = LONG ? 1.0 / 30 : 1.0 / 15;

    /** Fewer kills than this per operation, and the matrix says too little (issue #5 asks for at least 20). */
    static final int MINIMUM_KILLS = 20;

    /** One kind of run, and what must hold after it was killed. */
    interface Scenario {

        /** Puts the world back where each run starts from, such as a target that a run replaced. */
        void prepare() throws Exception;

        CrashRun start();

        /** What is wrong after the run was killed at the point; empty when nothing is. */
        List<String> checkAfterKill(CrashRun killed, CrashPoint point) throws Exception;

        /** The files the killed run left, which the next complete run must remove. */
        List<Path> leftBehind(CrashRun killed);

        /** After a run that finished before the kill landed: what it did becomes the new starting point. */
        void afterFinished(CrashRun finished) throws Exception;

        /** A complete run after kills: it must clean up what they left and succeed; returns what is wrong. */
        List<String> runToTheEnd() throws Exception;
    }

    /** One kill: where it landed, what was wrong after it, and the files it left. */
    private record Kill(CrashPoint point, List<String> problems, List<Path> left) {

        /** Files it left that a complete run since should have removed. */
        void requireCleanedUp(String run) {
            List<String> remaining = left.stream().filter(file -> Files.exists(file, LinkOption.NOFOLLOW_LINKS))
                    .map(file -> file.getFileName() + " (" + CrashRepository.sizeOrZero(file) + " bytes)").toList();
            if (!remaining.isEmpty()) {
                problems.add("it left " + remaining + ", still there after " + run);
            }
        }
    }

    /** What the matrix found. */
    record Tally(String label, int kills, int passed, List<String> finishedFirst, List<String> failures) {

        void print() {
            System.out.println("RELIABILITY " + label + " kills=" + kills + " passed=" + passed);
            if (!finishedFirst.isEmpty()) {
                System.out.println("  " + label + ": finished before the kill landed (not counted): " + finishedFirst);
            }
            failures.forEach(failure -> System.out.println("  " + label + " FAILED " + failure));
        }

        void assertAllPassed() {
            assertThat(failures).as(label + ": what went wrong").isEmpty();
            assertThat(kills).as(label + ": runs killed").isGreaterThanOrEqualTo(MINIMUM_KILLS);
            assertThat(passed).as(label + ": kills after which everything held").isEqualTo(kills);
        }
    }

    private CrashMatrix() {
    }

    static Tally run(String label, List<CrashPoint> points, Scenario scenario) throws Exception {
        List<Kill> kills = new ArrayList<>();
        List<String> finishedFirst = new ArrayList<>();
        List<String> otherFailures = new ArrayList<>();
        for (CrashPoint point : points) {
            long preparing = System.nanoTime();
            scenario.prepare();
            long started = System.nanoTime();
            CrashRun run = scenario.start();
            int exit;
            try {
                exit = point.awaitIn(run) ? run.kill() : run.awaitExit();
            } finally {
                run.stop();
            }
            long ended = System.nanoTime();
            if (exit == CrashRun.KILLED) {
                Kill kill = new Kill(point, new ArrayList<>(scenario.checkAfterKill(run, point)),
                        scenario.leftBehind(run));
                kills.add(kill);
                if (LONG) {
                    scenario.runToTheEnd().forEach(problem -> kill.problems().add("the next run: " + problem));
                    kill.requireCleanedUp("the next complete run");
                }
            } else if (exit == 0 && point.mayFinishFirst()) {
                finishedFirst.add(point.name());
                scenario.afterFinished(run);
            } else {
                otherFailures.add("the run meant to be killed when " + point.name() + " ended by itself with exit "
                        + exit + ": " + run.stderr().strip());
            }
            System.out.printf("  %s: %s: exit %d after %d ms (prepared in %d ms, checked in %d ms)%n", label,
                    point.name(), exit, (ended - started) / 1_000_000, (started - preparing) / 1_000_000,
                    (System.nanoTime() - ended) / 1_000_000);
        }
        if (!LONG) {
            scenario.runToTheEnd().forEach(problem -> otherFailures.add("the run after the last kill: " + problem));
            kills.forEach(kill -> kill.requireCleanedUp("the complete run after the last kill"));
        }
        List<String> failures = new ArrayList<>();
        kills.stream().filter(kill -> !kill.problems().isEmpty()).forEach(kill -> failures.add(
                "killed when " + kill.point().name() + ": " + String.join("; ", kill.problems())));
        failures.addAll(otherFailures);
        int passed = (int) kills.stream().filter(kill -> kill.problems().isEmpty()).count();
        return new Tally(label, kills.size(), passed, finishedFirst, failures);
    }
}
