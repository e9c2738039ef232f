package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * The cases of one security scenario: how many were tried, how many held, and what happened in those that did not.
 * Prints the {@code RELIABILITY security-<scenario> tried=N passed=M} line docs/reliability.md is made from, and
 * fails the test unless every case held.
 */
public final class SecurityTally {

    /** One check of a case, failing with a message that says what happened instead. */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    private final String scenario;
    private final List<String> failures = new ArrayList<>();
    private int tried;

    public SecurityTally(String scenario) {
        this.scenario = scenario;
    }

    /** Runs one case, counting it as passed when it ends without an exception or a failed assertion. */
    public void check(String description, Check check) {
        tried++;
        try {
            check.run();
        } catch (Exception | AssertionError e) {
            failures.add(description + ": " + e.getMessage());
        }
    }

    /** Prints the RELIABILITY line and fails unless every case passed. */
    public void report() {
        System.out.println("RELIABILITY security-" + scenario + " tried=" + tried + " passed=" + (tried - failures.size()));
        assertThat(tried).as("cases tried in " + scenario).isPositive();
        assertThat(failures).as("cases of " + scenario + " that did not hold").isEmpty();
    }
}
