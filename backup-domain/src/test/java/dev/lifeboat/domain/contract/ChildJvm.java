package dev.lifeboat.domain.contract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A main class of the test class path run in a JVM of its own: another process of this host, as a second lifeboat
 * run is. It talks in lines: the test reads what it prints on stdout and sends it orders on stdin; what it prints on
 * stderr goes to the test's own.
 *
 * <pre>{@code
 * try (ChildJvm child = ChildJvm.start(LockChildMain.class, Map.of(), "hold", repository.toString())) {
 *     assertThat(child.nextLine()).startsWith("locked ");
 *     child.kill();
 * }
 * }</pre>
 */
public final class ChildJvm implements AutoCloseable {

    /** Generous: a JVM starts in well under a second, but CI machines can be very slow. */
    private static final long WAIT_SECONDS = 60;

    private final Process process;
    private final BufferedReader out;
    private final Writer in;

    private ChildJvm(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /**
     * Starts the main class on this JVM's class path.
     *
     * @param environment variables added to this process's environment, such as settings that must not appear on a
     *                    command line
     */
    public static ChildJvm start(Class<?> mainClass, Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                mainClass.getName()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(environment);
        try {
            return new ChildJvm(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** The child's next line of output; fails when it ends first or says nothing for a minute. */
    public String nextLine() {
        try {
            String line = CompletableFuture.supplyAsync(this::readLine).get(WAIT_SECONDS, TimeUnit.SECONDS);
            if (line == null) {
                throw new IllegalStateException("the child process ended without a word (exit " + exitCode() + ")");
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no line from the child process", e);
        }
    }

    /** Sends the child a line on its stdin. */
    public void tell(String line) {
        try {
            in.write(line + "\n");
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the child to end and returns its exit code; fails when it does not end within a minute. */
    public int exitCode() {
        try {
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the child process did not end");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM on Unix: the JVM runs its shutdown hooks. Returns once the child has ended. */
    public void terminate() {
        process.destroy();
        exitCode();
    }

    /** SIGKILL on Unix: nothing runs. Returns once the child has ended. */
    public void kill() {
        process.destroyForcibly();
        exitCode();
    }

    private String readLine() {
        try {
            return out.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the child if it still runs. */
    @Override
    public void close() {
        process.destroyForcibly();
    }
}
