package dev.lifeboat.cli;

import dev.lifeboat.cli.output.Environment;
import dev.lifeboat.cli.output.Terminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Runs a read-only lifeboat command ({@code list}, {@code verify}) in the test's own JVM, through the same command
 * line code the jar runs. The crash matrix looks at a repository after every kill; a JVM start per look would cost
 * more than the killed run itself.
 */
public final class CrashCommandLine {

    private CrashCommandLine() {
    }

    /** What a command printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** Runs one command line with no environment variables, as in a directory where ./backups is the repository. */
    public static Result run(Path workingDirectory, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment environment = new Environment(Map.of(), workingDirectory, new PrintWriter(out, true),
                new PrintWriter(err, true), Terminal.none(), Clock.systemUTC());
        int status = new Lifeboat(environment).run(args);
        return new Result(status, out.toString(), err.toString());
    }
}
