package dev.lifeboat.domain.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * The cases of one reliability scenario: each is run, and a failed one is noted rather than ending the scenario, so
 * the {@code RELIABILITY <scenario> cases=N passed=M} line that docs/reliability.md collects counts them all; then
 * the scenario fails unless every case passed.
 */
public final class ReliabilityTally {

    /** One case's checks. */
    @FunctionalInterface
    public interface Case {
        void run() throws Exception;
    }

    /**
     * Whether the long run was asked for ({@code -Dlifeboat.reliability.long=true} or
     * {@code LIFEBOAT_RELIABILITY_LONG=true}): every case, rather than the few that keep CI within its budget.
     */
    public static final boolean LONG = Boolean.getBoolean("lifeboat.reliability.long")
            || "true".equals(System.getenv("LIFEBOAT_RELIABILITY_LONG"));

    private final String scenario;
    private final List<String> failures = new ArrayList<>();
    private int cases;

    public ReliabilityTally(String scenario) {
        this.scenario = scenario;
    }

    /** The points to try: a few in CI, all of them in the long run. */
    public static double[] points(double[] ci, double[] all) {
        return LONG ? all : ci;
    }

    public void check(String name, Case body) {
        cases++;
        try {
            body.run();
        } catch (Exception | AssertionError e) {
            failures.add(name + ": " + e);
        }
    }

    /** Prints the scenario's line and fails when a case failed, or when there was none. */
    public void report() {
        System.out.println("RELIABILITY " + scenario + " cases=" + cases + " passed=" + (cases - failures.size()));
        System.out.flush();
        assertThat(failures).as("failed cases of " + scenario).isEmpty();
        assertThat(cases).as("cases of " + scenario).isPositive();
    }
}
