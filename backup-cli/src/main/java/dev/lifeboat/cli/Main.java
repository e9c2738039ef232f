package dev.lifeboat.cli;

import dev.lifeboat.cli.output.Environment;
import dev.lifeboat.domain.error.InvalidUsageException;
import sun.misc.Signal;

/** The {@code lifeboat} program. */
public final class Main {

    private static volatile boolean finished;

    private Main() {
    }

    public static void main(String[] args) {
        handleInterruption();
        DriverLogging.quiet();
        Environment environment;
        try {
            environment = Environment.system();
        } catch (InvalidUsageException e) {
            System.err.println("lifeboat: " + e.getMessage());
            finished = true;
            System.exit(e.status().code());
            return;
        }
        int status = new Lifeboat(environment).run(args);
        finished = true;
        System.exit(status);
    }

    /**
     * Ctrl-C and SIGTERM (systemd, Kubernetes, kill) end a run the same way: the adapters' shutdown hooks remove
     * partial files and release the repository lock, the user is told, and the exit status is 130, "interrupted".
     * The JDK has no supported way to choose the exit status of a signal, hence sun.misc.Signal for SIGTERM (SIGINT
     * already exits 130).
     */
    private static void handleInterruption() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!finished) {
                System.err.println("lifeboat: interrupted; partial files removed, repository lock released");
            }
        }, "lifeboat-interrupted"));
        try {
            Signal.handle(new Signal("TERM"), signal -> System.exit(130));
        } catch (IllegalArgumentException e) {
            // a platform without SIGTERM keeps its default behaviour
        }
    }
}
