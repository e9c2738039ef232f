package dev.lifeboat.adapter.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the archive reader ({@link ArchiveFuzzTest}) and the manifest parser ({@link ManifestFuzzTest}) for a
 * bounded time on every build, and fails on any finding.
 *
 * <p>Jazzer fuzzes only when {@code JAZZER_FUZZ} is set (as an environment variable or a system property) when its
 * classes load, and then only one fuzz test per JVM; without it, it replays the seeds and kept inputs, as surefire
 * does with the fuzz test classes themselves. So each target is fuzzed in a JVM of its own ({@link FuzzingRun}),
 * both at once, for the {@code maxDuration} of its {@code @FuzzTest} (15 s and 10 s; with the JVMs' start, about
 * half a minute). A longer run by hand:
 * {@code ./mvnw -B -o -pl backup-adapters-archive test -Dtest=BoundedFuzzingTest -Dlifeboat.fuzz.duration=30m}.
 * Jazzer's generated corpus and the inputs of findings are kept in {@code target/fuzzing/<class>/}; an input that
 * found something belongs in {@code src/test/resources/dev/lifeboat/adapter/archive/<class>Inputs/<method>/}, where
 * every later build replays it.
 */
class BoundedFuzzingTest {

    /** Overrides the fuzz tests' {@code maxDuration}, in Jazzer's syntax ("90s", "30m", "2h"). */
    static final String DURATION_PROPERTY = "lifeboat.fuzz.duration";

    /** The code whose coverage guides the fuzzer: lifeboat's, the tar library's and the JSON parser's. */
    private static final List<String> INSTRUMENTED = List.of("dev.lifeboat.**",
            "org.apache.commons.compress.archivers.tar.**", "org.apache.commons.compress.utils.**",
            "com.fasterxml.jackson.core.**");

    /** libFuzzer's own count of the inputs it ran, in its last line. */
    private static final Pattern FUZZER_RUNS = Pattern.compile("Done (\\d+) runs in");
    private static final Pattern RESULT = Pattern.compile(FuzzingRun.RESULT
            + " executions=(\\d+) tests=(\\d+) skipped=(\\d+) findings=(\\d+)");

    /**
     * Both targets at once, each in its own JVM on its own core: the fuzzer is single-threaded, and the build pays
     * for the longer of the two rather than for both.
     */
    @Test
    void archiveReaderAndManifestParserSurviveFuzzing() throws Exception {
        FuzzingJvm archive = FuzzingJvm.start(ArchiveFuzzTest.class, "fuzz-archive", 15);
        FuzzingJvm manifest = FuzzingJvm.start(ManifestFuzzTest.class, "fuzz-manifest", 10);
        try {
            archive.assertSurvived();
            manifest.assertSurvived();
        } finally {
            archive.stop();
            manifest.stop();
        }
    }

    /** One fuzz test class fuzzed in a JVM of its own, its output in {@code target/fuzzing/<class>/fuzzing.log}. */
    private record FuzzingJvm(Class<?> fuzzTest, String target, Path directory, Path log, Process process,
                              long boundSeconds) {

        static FuzzingJvm start(Class<?> fuzzTest, String target, long defaultSeconds) throws Exception {
            Path directory = Files.createDirectories(targetDirectory().resolve("fuzzing")
                    .resolve(fuzzTest.getSimpleName()));
            Path log = directory.resolve("fuzzing.log");
            String duration = System.getProperty(DURATION_PROPERTY, "");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx256m", "-DJAZZER_FUZZ=1",
                    "-Djazzer.instrument=" + String.join(",", INSTRUMENTED)));
            if (!duration.isEmpty()) {
                command.add("-Djazzer.max_duration=" + duration);
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), FuzzingRun.class.getName(),
                    fuzzTest.getName(), directory.toString()));
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            process.getOutputStream().close();
            long bound = (duration.isEmpty() ? defaultSeconds : seconds(duration)) + 120;
            return new FuzzingJvm(fuzzTest, target, directory, log, process, bound);
        }

        void assertSurvived() throws Exception {
            String name = fuzzTest.getSimpleName();
            if (!process.waitFor(boundSeconds, TimeUnit.SECONDS)) {
                stop();
                throw new AssertionError("fuzzing " + name + " did not end within " + boundSeconds
                        + " s (a hang); its output is in " + log + ":\n" + tail(log));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Matcher result = RESULT.matcher(output);
            assertThat(result.find()).as("the fuzzing JVM of %s reported a result; its output (%s):%n%s", name, log,
                    tail(log)).isTrue();
            long executions = Long.parseLong(result.group(1));
            long tests = Long.parseLong(result.group(2));
            long findings = Long.parseLong(result.group(4));
            Matcher done = FUZZER_RUNS.matcher(output);
            long fuzzerRuns = done.find() ? Long.parseLong(done.group(1)) : -1;
            System.out.println("RELIABILITY " + target + " executions=" + executions + " findings=" + findings
                    + " (libFuzzer's own count: " + fuzzerRuns + " runs, plus the seeds replayed first)");
            assertThat(findings).as("findings of %s; the input is kept in %s; output:%n%s", name, directory,
                    tail(log)).isZero();
            assertThat(Long.parseLong(result.group(3))).as("skipped tests of %s", name).isZero();
            assertThat(process.exitValue()).as("exit status of the fuzzing JVM of %s; output:%n%s", name, tail(log))
                    .isZero();
            assertThat(output).as("Jazzer fuzzed %s rather than only replaying the seeds", name)
                    .containsPattern("Done \\d+ runs in").doesNotContain("No fuzzing has been performed");
            assertThat(executions).as("inputs tried on %s, more than the seeds when fuzzing", name)
                    .isGreaterThan(100);
            // the count is of inputs, not of reads (an input is read twice when its checksums are resealed): it
            // agrees with libFuzzer's, which does not count the seeds JUnit replays as tests of their own
            assertThat(executions).as("inputs counted on %s against libFuzzer's %d runs and %d seed tests", name,
                    fuzzerRuns, tests).isBetween(fuzzerRuns, fuzzerRuns + tests);
        }

        void stop() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
    }

    private static Path targetDirectory() throws URISyntaxException {
        return Path.of(BoundedFuzzingTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent();
    }

    private static long seconds(String duration) {
        Matcher matcher = Pattern.compile("(\\d+)\\s*([smhd]?)").matcher(duration.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(DURATION_PROPERTY + " must be a number of seconds, minutes, hours or "
                    + "days such as 90s or 30m, not '" + duration + "'");
        }
        long value = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "m" -> value * 60;
            case "h" -> value * 3600;
            case "d" -> value * 86400;
            default -> value;
        };
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }
}
