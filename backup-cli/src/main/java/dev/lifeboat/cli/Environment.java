package dev.lifeboat.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
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
 */
record Environment(Map<String, String> variables, Path workingDirectory, PrintWriter out, PrintWriter err,
                   Terminal terminal, Clock clock) {

    static Environment system() {
        return new Environment(System.getenv(), Path.of("").toAbsolutePath(),
                new PrintWriter(System.out, true), new PrintWriter(System.err, true), Terminal.system(),
                Clock.systemUTC());
    }

    Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(value -> !value.isBlank());
    }
}
