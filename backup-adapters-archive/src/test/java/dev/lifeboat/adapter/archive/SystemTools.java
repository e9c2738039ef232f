package dev.lifeboat.adapter.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs tar, zstd, gzip, sha256sum and sqlite3 as independent judges of what the codec wrote. */
final class SystemTools {

    private SystemTools() {
    }

    /** Runs a command in a directory and returns its output; fails the test when it does not succeed. */
    static String run(Path directory, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed with exit " + process.exitValue() + ":\n"
                        + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Runs a shell command line, as a person following the documentation would type it. */
    static String shell(Path directory, String commandLine) {
        return run(directory, List.of("sh", "-c", commandLine).toArray(String[]::new));
    }
}
