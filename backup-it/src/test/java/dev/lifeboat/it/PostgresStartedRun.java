package dev.lifeboat.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A lifeboat run started without waiting, for tests that act on the world while it runs, or that must not wait
 * the full {@link LifeboatProcess} time limit for a run that could hang.
 */
final class PostgresStartedRun {

    private final Path workingDirectory;
    private final Process process;
    private final String command;

    private PostgresStartedRun(Path workingDirectory, Process process, String command) {
        this.workingDirectory = workingDirectory;
        this.process = process;
        this.command = command;
    }

    static PostgresStartedRun start(Path workingDirectory, Map<String, String> environment, String... args) {
        return new PostgresStartedRun(workingDirectory, LifeboatProcess.start(workingDirectory, environment, args),
                String.join(" ", args));
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the run's end, killing it and failing when it takes longer than the limit. */
    LifeboatProcess.Result finish(Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("lifeboat " + command + " did not finish within " + limit
                        + "; it printed:\n" + output("err"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return new LifeboatProcess.Result(process.exitValue(), output("out"), output("err"));
    }

    private String output(String stream) {
        // where LifeboatProcess.start sends the run's output
        Path file = workingDirectory.resolveSibling(workingDirectory.getFileName() + ".it-output").resolve(stream);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
