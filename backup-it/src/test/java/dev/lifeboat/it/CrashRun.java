package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A lifeboat run that a test ends from the outside: with SIGKILL, as a power cut or the OOM killer would, or with
 * SIGTERM or SIGINT, as a service manager or Ctrl-C would.
 */
final class CrashRun {

    /** The exit status of a process ended by SIGKILL, as the JDK reports it. */
    static final int KILLED = 128 + 9;

    private final Path workingDirectory;
    private final Process process;
    private final String command;

    private CrashRun(Path workingDirectory, Process process, String command) {
        this.workingDirectory = workingDirectory;
        this.process = process;
        this.command = command;
    }

    /** Starts lifeboat as {@link LifeboatProcess#start} does. */
    static CrashRun start(Path workingDirectory, String... args) {
        return start(workingDirectory, Map.of(), args);
    }

    /** Starts lifeboat as {@link LifeboatProcess#start} does, with variables added to its environment. */
    static CrashRun start(Path workingDirectory, Map<String, String> environment, String... args) {
        return new CrashRun(workingDirectory, LifeboatProcess.start(workingDirectory, environment, args),
                String.join(" ", args));
    }

    /**
     * Starts lifeboat with SIGINT at its default disposition, as a program in the foreground of a terminal has it.
     * A JVM that inherits SIGINT ignored (a test runner started in the background by a shell without job control)
     * keeps ignoring it, and Ctrl-C could not be tested.
     */
    static CrashRun startInterruptible(Path workingDirectory, String... args) {
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT"));
        command.addAll(LifeboatJvm.command());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().remove("DATABASE_URL");
        builder.environment().remove("LIFEBOAT_REPO");
        Path output = outputDirectory(workingDirectory);
        builder.redirectOutput(output.resolve("out").toFile());
        builder.redirectError(output.resolve("err").toFile());
        builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        try {
            return new CrashRun(workingDirectory, builder.start(), String.join(" ", args));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * The bytes the process has written so far, to files and sockets alike (wchar in /proc/PID/io): unlike the size
     * of its temporary files, which shrinks as a snapshot or spool file is deleted once copied, this only grows, and
     * by the same amount in every run of the same work. 0 once the process is gone.
     */
    long bytesWritten() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "io"))) {
                if (line.startsWith("wchar:")) {
                    return Long.parseLong(line.substring("wchar:".length()).trim());
                }
            }
            throw new AssertionError("/proc/" + process.pid() + "/io has no wchar line");
        } catch (IOException e) {
            return 0;
        }
    }

    /** Sends SIGKILL and waits for the process to be gone; returns its exit status (another if it ended first). */
    int kill() {
        process.destroyForcibly();
        return awaitExit();
    }

    /** Sends SIGTERM, as {@link Process#destroy()} does on Linux, and returns at once. */
    void terminate() {
        process.destroy();
    }

    /** Sends a signal by name (TERM, INT) with kill(1), which is how a person or a script would send it. */
    void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            String said = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(kill.waitFor(30, TimeUnit.SECONDS)).as("kill -s " + name).isTrue();
            assertThat(kill.exitValue()).as("kill -s " + name + ": " + said).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for the process to end, up to a limit; false if it is still running then. */
    boolean awaitExit(Duration limit) {
        try {
            return process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for the end of a process that was killed or is about to end; fails after a minute. */
    int awaitExit() {
        if (!awaitExit(Duration.ofMinutes(1))) {
            process.destroyForcibly();
            throw new AssertionError("lifeboat " + command + " did not end within a minute");
        }
        return process.exitValue();
    }

    /** Waits for the run to end, up to a limit, and returns how it ended and what it printed. */
    LifeboatProcess.Result finish(Duration limit) {
        if (!awaitExit(limit)) {
            process.destroyForcibly();
            throw new AssertionError("lifeboat " + command + " did not end within " + limit);
        }
        return new LifeboatProcess.Result(process.exitValue(), stdout(), stderr());
    }

    /** Ends a run that a failed test left running. */
    void stop() {
        if (process.isAlive()) {
            kill();
        }
    }

    String stdout() {
        return read("out");
    }

    String stderr() {
        return read("err");
    }

    @Override
    public String toString() {
        return "lifeboat " + command + " (pid " + process.pid() + ")";
    }

    private String read(String stream) {
        try {
            return Files.readString(outputDirectory(workingDirectory).resolve(stream), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where {@link LifeboatProcess#start} sends a run's output, outside the working directory. */
    private static Path outputDirectory(Path workingDirectory) {
        Path output = workingDirectory.resolveSibling(workingDirectory.getFileName() + ".it-output");
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return output;
    }
}
