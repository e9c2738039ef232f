package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A lifeboat run, started without waiting, that file permissions bind as they bind a user: when the tests run as
 * root, lifeboat runs without the capabilities that let root ignore them (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so
 * a {@code chmod 000} in the middle of a run means what it means for everyone else.
 */
final class StorageRun {

    private static final long TIMEOUT_SECONDS = 300;

    private final Process process;
    private final Path output;
    private final String command;
    private Process signaller;
    private java.io.BufferedReader signalled;

    private StorageRun(Process process, Path output, String command) {
        this.process = process;
        this.output = output;
        this.command = command;
    }

    static StorageRun start(Path workingDirectory, String... args) {
        return start(workingDirectory, List.of(), args);
    }

    /** @param limits a command that runs the rest with limits, such as {@code prlimit --fsize=N} */
    static StorageRun start(Path workingDirectory, List<String> limits, String... args) {
        return start(workingDirectory, limits, LifeboatJvm.command(), args);
    }

    /** @param lifeboat the command that starts lifeboat, such as {@link LifeboatJvm#command()} */
    static StorageRun start(Path workingDirectory, List<String> limits, List<String> lifeboat, String... args) {
        List<String> command = new ArrayList<>();
        if (runningAsRoot()) {
            command.addAll(List.of("setpriv", "--bounding-set", "-dac_override,-dac_read_search"));
        }
        command.addAll(limits);
        command.addAll(lifeboat);
        command.addAll(List.of(args));
        Path output = workingDirectory.resolveSibling(workingDirectory.getFileName() + ".storage-output");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().remove("DATABASE_URL");
        builder.environment().remove("LIFEBOAT_REPO");
        try {
            Files.createDirectories(output);
            builder.redirectOutput(output.resolve("out").toFile());
            builder.redirectError(output.resolve("err").toFile());
            builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            return new StorageRun(builder.start(), output, String.join(" ", args));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start lifeboat" + (runningAsRoot()
                    ? " through setpriv (util-linux), which a root test run needs so that permissions bind" : ""), e);
        }
    }

    /** Whether this JVM runs as root, for whom file permissions do not bind. */
    static boolean runningAsRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    long pid() {
        return process.pid();
    }

    /**
     * Stops the run where it is (SIGSTOP), so the world can change under it at a known point. The signal is sent by
     * a shell started beforehand: starting {@code kill} only now would let a fast run go on for milliseconds.
     */
    void pause() {
        signal("STOP");
    }

    /** Lets a paused run go on (SIGCONT). */
    void resume() {
        signal("CONT");
    }

    private synchronized void signal(String name) {
        try {
            if (signaller == null) {
                readyToPause();
            }
            signaller.getOutputStream().write((name + "\n").getBytes(StandardCharsets.US_ASCII));
            signaller.getOutputStream().flush();
            assertThat(signalled.readLine()).as("kill -" + name).isEqualTo("sent");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the shell that sends signals, so that sending one later is immediate. */
    StorageRun readyToPause() {
        synchronized (this) {
            try {
                signaller = new ProcessBuilder("sh", "-c", "while read signal; do kill -$signal " + process.pid()
                        + " && echo sent; done").redirectErrorStream(true).start();
                signalled = new java.io.BufferedReader(new java.io.InputStreamReader(signaller.getInputStream(),
                        StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    LifeboatProcess.Result finish() {
        if (signaller != null) {
            signaller.destroy();
        }
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("lifeboat " + command + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new LifeboatProcess.Result(process.exitValue(), read("out"), read("err"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs lifeboat to its end. */
    static LifeboatProcess.Result run(Path workingDirectory, String... args) {
        return start(workingDirectory, args).finish();
    }

    private String read(String stream) {
        try {
            return Files.readString(output.resolve(stream), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertBound() {
        assertThat(!runningAsRoot() || Files.isExecutable(Path.of("/usr/bin/setpriv"))
                || Files.isExecutable(Path.of("/bin/setpriv")))
                .as("running as root, the permission cases need setpriv (util-linux) to run lifeboat without "
                        + "CAP_DAC_OVERRIDE").isTrue();
    }
}
