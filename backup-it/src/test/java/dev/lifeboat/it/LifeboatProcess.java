package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real lifeboat: the shaded jar the build produced, in its own JVM, as a user would. */
final class LifeboatProcess {

    private static final long TIMEOUT_SECONDS = 300;

    private LifeboatProcess() {
    }

    static Path jar() {
        String property = System.getProperty("lifeboat.jar");
        assertThat(property).as("system property lifeboat.jar (set by the build)").isNotNull();
        Path jar = Path.of(property).toAbsolutePath().normalize();
        assertThat(jar).as("the shaded jar; run ./mvnw verify so it is built before the end-to-end tests").isRegularFile();
        return jar;
    }

    /** Runs lifeboat to its end. */
    static Result run(Path workingDirectory, Map<String, String> environment, String... args) {
        Process process = start(workingDirectory, environment, args);
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("lifeboat " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), read(workingDirectory, process, "out"), read(workingDirectory, process, "err"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Result run(Path workingDirectory, String... args) {
        return run(workingDirectory, Map.of(), args);
    }

    /** Starts lifeboat without waiting; its output goes to files beside the working directory's .it-output. */
    static Process start(Path workingDirectory, Map<String, String> environment, String... args) {
        List<String> command = LifeboatJvm.command();
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().remove("DATABASE_URL");
        builder.environment().remove("LIFEBOAT_REPO");
        builder.environment().putAll(environment);
        try {
            Path output = outputDirectory(workingDirectory);
            builder.redirectOutput(output.resolve("out").toFile());
            builder.redirectError(output.resolve("err").toFile());
            builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path outputDirectory(Path workingDirectory) throws IOException {
        // outside the working directory, so the output files never show up in a directory the test compares
        Path output = workingDirectory.resolveSibling(workingDirectory.getFileName() + ".it-output");
        Files.createDirectories(output);
        return output;
    }

    private static String read(Path workingDirectory, Process process, String stream) {
        try {
            return Files.readString(outputDirectory(workingDirectory).resolve(stream), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a run printed and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {

        /** The error message a user sees: one line, no stack trace. */
        String errorLine() {
            assertThat(stderr).as("stderr").doesNotContain("Exception", "\tat ");
            List<String> lines = stderr.lines().filter(line -> line.startsWith("lifeboat: ")).toList();
            assertThat(lines).as("error lines on stderr: " + stderr).hasSize(1);
            return lines.get(0);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
