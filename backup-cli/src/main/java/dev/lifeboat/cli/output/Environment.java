package dev.lifeboat.cli.output;

import dev.lifeboat.domain.error.InvalidUsageException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the command line takes from the world outside its arguments, so tests can give it another world.
 *
 * @param variables        environment variables
 * @param workingDirectory where relative defaults (./backups, .env) are found
 * @param out              standard output: results, and JSON documents
 * @param err              standard error: progress, notices, warnings, errors
 * @param terminal         what the terminal can do
 * @param clock            the time
 * @param bytesOut         standard output for bytes (an exported script), written through {@code out}'s destination
 */
public record Environment(Map<String, String> variables, Path workingDirectory, PrintWriter out, PrintWriter err,
                   Terminal terminal, Clock clock, OutputStream bytesOut) {

    /** An environment whose bytes on standard output are UTF-8 text written to {@code out} (tests). */
    public Environment(Map<String, String> variables, Path workingDirectory, PrintWriter out, PrintWriter err,
                Terminal terminal, Clock clock) {
        this(variables, workingDirectory, out, err, terminal, clock, new Utf8WriterStream(out));
    }

    /** Pretends the time is this instant (ISO-8601): for tests and demonstrations of retention, never for backups. */
    static final String FIXED_TIME_VARIABLE = "LIFEBOAT_NOW";

    public static Environment system() {
        return new Environment(System.getenv(), Path.of("").toAbsolutePath(),
                new PrintWriter(System.out, true), new PrintWriter(System.err, true), Terminal.system(),
                clock(System.getenv(FIXED_TIME_VARIABLE)), new FileOutputStream(FileDescriptor.out));
    }

    /**
     * The system clock, or a fixed one when {@value #FIXED_TIME_VARIABLE} is set.
     *
     * @throws InvalidUsageException when the variable is set but not an instant
     */
    static Clock clock(String fixedTime) {
        if (fixedTime == null || fixedTime.isBlank()) {
            return Clock.systemUTC();
        }
        try {
            return Clock.fixed(Instant.parse(fixedTime.trim()), ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidUsageException(FIXED_TIME_VARIABLE + "='" + fixedTime + "' is not an instant such as "
                    + "2026-11-24T10:58:24Z", e);
        }
    }

    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(value -> !value.isBlank());
    }
}
