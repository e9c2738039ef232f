package dev.lifeboat.domain.spi;

import java.util.Objects;

/** An engine's answer to "is this location yours?". */
public sealed interface Recognition {

    static Recognition recognized() {
        return Recognized.INSTANCE;
    }

    static Recognition notRecognized() {
        return NotRecognized.INSTANCE;
    }

    /** The location is of this engine's kind but cannot be used, and why: "no such file: app.db". */
    static Recognition unusable(String problem) {
        return new Unusable(problem);
    }

    /** The engine handles this location. */
    enum Recognized implements Recognition { INSTANCE }

    /** The location is not this engine's. */
    enum NotRecognized implements Recognition { INSTANCE }

    /**
     * The location looks like this engine's, but is not usable.
     *
     * @param problem what is wrong, for the user
     */
    record Unusable(String problem) implements Recognition {
        public Unusable {
            Objects.requireNonNull(problem, "problem");
        }
    }
}
