package dev.lifeboat.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the drivers' own log lines off the terminal. sqlite-jdbc and pgjdbc log through java.util.logging, which
 * prints to stderr; a failure they log also reaches lifeboat as an exception, and is reported there once, in
 * lifeboat's words (pgjdbc logs a connect_timeout it cannot read, then fails the connection).
 */
final class DriverLogging {

    /** Held here: java.util.logging keeps loggers only weakly, and a collected one would forget its level. */
    private static final Logger SQLITE = Logger.getLogger("org.sqlite");
    private static final Logger POSTGRESQL = Logger.getLogger("org.postgresql");

    private DriverLogging() {
    }

    static void quiet() {
        SQLITE.setLevel(Level.OFF);
        POSTGRESQL.setLevel(Level.OFF);
    }
}
