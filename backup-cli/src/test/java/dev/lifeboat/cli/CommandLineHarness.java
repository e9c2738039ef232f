package dev.lifeboat.cli;

import dev.lifeboat.cli.output.Environment;
import dev.lifeboat.cli.output.Terminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Runs the command line in this JVM with captured output. */
final class CommandLineHarness {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Environment environment;

    CommandLineHarness(Path workingDirectory, Map<String, String> variables) {
        this(workingDirectory, variables, Clock.systemUTC());
    }

    /** @param clock the time the run sees, as {@code LIFEBOAT_NOW} sets it */
    CommandLineHarness(Path workingDirectory, Map<String, String> variables, Clock clock) {
        environment = new Environment(variables, workingDirectory, new PrintWriter(out, true),
                new PrintWriter(err, true), Terminal.none(), clock);
    }

    int run(String... args) {
        return new Lifeboat(environment).run(args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
