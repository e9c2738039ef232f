package dev.lifeboat.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the drivers' own log lines off the terminal. sqlite-jdbc logs through java.util.logging, which prints to
 * stderr; a failure it logs also reaches lifeboat as an exception, and is reported there once, in lifeboat's words.
 */
final class DriverLogging {

    /** Held here: java.util.logging keeps loggers only weakly, and a collected one would forget its level. */
    private static final Logger SQLITE = Logger.getLogger("org.sqlite");

    private DriverLogging() {
    }

    static void quiet() {
        SQLITE.setLevel(Level.OFF);
    }
}
