package dev.lifeboat.cli;

import sun.misc.Signal;

/** The {@code lifeboat} program. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        exitOnTerminationAsOnInterrupt();
        System.exit(new Lifeboat(Environment.system()).run(args));
    }

    /**
     * SIGTERM (systemd, Kubernetes, kill) ends a run the way Ctrl-C does: the shutdown hooks remove partial files and
     * release the lock, and the exit status is 130, "interrupted", whichever signal it was.
     */
    private static void exitOnTerminationAsOnInterrupt() {
        try {
            Signal.handle(new Signal("TERM"), signal -> System.exit(130));
        } catch (IllegalArgumentException e) {
            // a platform without SIGTERM keeps its default behaviour
        }
    }
}
