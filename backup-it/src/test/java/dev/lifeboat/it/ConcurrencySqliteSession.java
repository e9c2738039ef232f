package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * An interactive sqlite3 process on a database, as a user's shell or an application would hold it: statements are
 * sent one at a time, so a transaction can be left open while lifeboat runs.
 */
final class ConcurrencySqliteSession implements AutoCloseable {

    private final Process process;
    private final OutputStream input;
    private final BufferedReader output;
    private int markers;

    private ConcurrencySqliteSession(Process process) {
        this.process = process;
        this.input = process.getOutputStream();
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static ConcurrencySqliteSession open(Path database) {
        try {
            return new ConcurrencySqliteSession(new ProcessBuilder("sqlite3", "-batch", "-bail", database.toString())
                    .redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs SQL and waits until sqlite3 has done it. */
    void execute(String sql) {
        String marker = "done-" + (++markers);
        try {
            input.write((sql + "\nSELECT '" + marker + "';\n").getBytes(StandardCharsets.UTF_8));
            input.flush();
            for (String line; (line = output.readLine()) != null; ) {
                if (line.equals(marker)) {
                    return;
                }
                assertThat(line).as("sqlite3's output for " + sql).doesNotContainPattern("^(Parse |Runtime )?[Ee]rror");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("sqlite3 exited while running " + sql);
    }

    long pid() {
        return process.pid();
    }

    /** Ends the session: what is still open in it is rolled back, as when an application quits. */
    @Override
    public void close() {
        try {
            input.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
