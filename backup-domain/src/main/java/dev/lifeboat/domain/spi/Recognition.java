package dev.lifeboat.domain.spi;

import java.util.Objects;

/** An engine's answer to "is this location yours?". */
public sealed interface Recognition {

    /**
     * The engine handles the location.
     *
     * @return the answer
     */
    static Recognition recognized() {
        return Recognized.INSTANCE;
    }

    /**
     * The location is not this engine's.
     *
     * @return the answer
     */
    static Recognition notRecognized() {
        return NotRecognized.INSTANCE;
    }

    /**
     * The location is of this engine's kind but cannot be used, and why: "no such file: app.db".
     *
     * @param problem what is wrong, for the user
     * @return the answer
     */
    static Recognition unusable(String problem) {
        return new Unusable(problem);
    }

    /** The engine handles this location. */
    enum Recognized implements Recognition {
        /** The only value. */
        INSTANCE
    }

    /** The location is not this engine's. */
    enum NotRecognized implements Recognition {
        /** The only value. */
        INSTANCE
    }

    /**
     * The location looks like this engine's, but is not usable.
     *
     * @param problem what is wrong, for the user
     */
    record Unusable(String problem) implements Recognition {
        /**
         * Checks that the problem is there.
         *
         * @param problem what is wrong, for the user
         */
        public Unusable {
            Objects.requireNonNull(problem, "problem");
        }
    }
}
