package dev.lifeboat.cli.output;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What the command line knows about the terminal it runs in. */
public interface Terminal {

    /** Whether stderr is a terminal, where a progress bar makes sense. */
    boolean stderrIsTerminal();

    /** Whether a person can answer a question (stdin is a terminal). */
    boolean interactive();

    /** Asks a question and returns the answer, or empty when nobody can answer. */
    Optional<String> ask(String question);

    /** The terminal of this process. */
    static Terminal system() {
        return new Terminal() {
            @Override
            public boolean stderrIsTerminal() {
                String term = System.getenv("TERM");
                if ("dumb".equals(term)) {
                    return false;
                }
                try {
                    // Java cannot ask isatty(2); on Linux the descriptor's link names the device
                    Path target = Files.readSymbolicLink(Path.of("/proc/self/fd/2"));
                    return target.toString().startsWith("/dev/pts/") || target.toString().startsWith("/dev/tty");
                } catch (IOException | UnsupportedOperationException e) {
                    return System.console() != null;
                }
            }

            @Override
            public boolean interactive() {
                return System.console() != null;
            }

            @Override
            public Optional<String> ask(String question) {
                Console console = System.console();
                return console == null ? Optional.empty() : Optional.ofNullable(console.readLine("%s", question));
            }
        };
    }

    /** No terminal at all: scripts, cron, CI, tests. */
    static Terminal none() {
        return new Terminal() {
            @Override
            public boolean stderrIsTerminal() {
                return false;
            }

            @Override
            public boolean interactive() {
                return false;
            }

            @Override
            public Optional<String> ask(String question) {
                return Optional.empty();
            }
        };
    }
}
