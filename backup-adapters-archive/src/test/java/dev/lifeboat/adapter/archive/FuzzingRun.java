package dev.lifeboat.adapter.archive;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The main class of the JVM in which {@link BoundedFuzzingTest} fuzzes one fuzz test class: it runs the class through
 * the JUnit platform (Jazzer's fuzzing mode is on because the JVM was started with {@code -DJAZZER_FUZZ=1}), prints
 * the failures and a result line, and exits 0 only when nothing failed.
 *
 * <p>Arguments: the fuzz test class, and the directory where Jazzer keeps its generated corpus and writes the inputs
 * of findings.
 */
final class FuzzingRun {

    static final String RESULT = "FUZZING-RESULT";

    private FuzzingRun() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        Class<?> testClass = Class.forName(args[0]);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(testClass))
                .configurationParameter("jazzer.internal.basedir", args[1])
                // JUnit would time the whole fuzzing run; Jazzer turns @Timeout into libFuzzer's per-input -timeout
                .configurationParameter("junit.jupiter.execution.timeout.mode", "disabled")
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        summary.printFailuresTo(out, 60);
        long executions = ((AtomicLong) testClass.getDeclaredField("EXECUTIONS").get(null)).get();
        out.println(RESULT + " executions=" + executions + " tests=" + summary.getTestsStartedCount()
                + " skipped=" + summary.getTestsSkippedCount() + " findings=" + summary.getTotalFailureCount());
        System.exit(summary.getTotalFailureCount() == 0 && summary.getTestsSkippedCount() == 0 ? 0 : 1);
    }
}
