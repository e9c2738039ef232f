package dev.lifeboat.adapter.s3;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A second JVM running {@link S3LockChildMain}: another process of this host contending for the same repository. */
final class S3ChildJvm implements AutoCloseable {

    /** Generous: a JVM starts in well under a second, but CI machines can be very slow. */
    private static final long WAIT_SECONDS = 60;

    private final Process process;
    private final BufferedReader out;
    private final Writer in;

    private S3ChildJvm(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    static S3ChildJvm start(S3TestServer server, String mode, String location, String... more) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                S3LockChildMain.class.getName(), mode, location));
        command.addAll(List.of(more));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        server.settingValues().forEach((name, value) -> builder.environment()
                .put(S3LockChildMain.variable(name), value));
        try {
            return new S3ChildJvm(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** The child's next line of output. */
    String nextLine() {
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

    void tell(String line) {
        try {
            in.write(line + "\n");
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int exitCode() {
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

    /** SIGTERM on Unix: the JVM runs its shutdown hooks. */
    void terminate() {
        process.destroy();
        exitCode();
    }

    /** SIGKILL on Unix: nothing runs. */
    void kill() {
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

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
