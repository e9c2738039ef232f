package dev.lifeboat.domain.spi;

/**
 * Where engines and use cases report how far a long step has come. The command line draws a bar on a terminal
 * and nothing otherwise; tests and libraries pass {@link #NONE}. Implementations must be thread-safe: a parallel
 * engine reports from several threads.
 */
public interface Progress {

    /** Reports nowhere. */
    Progress NONE = (activity, total, unit) -> done -> { };

    /**
     * Starts a step.
     *
     * @param activity what is being done, in a few words ("copying pages")
     * @param total    how many units the step has, or -1 when unknown
     * @param unit     what is counted
     * @return the step, to report to and to close when it ends
     */
    Task start(String activity, long total, ProgressUnit unit);

    /** One step under way; close it when the step ends. */
    @FunctionalInterface
    interface Task extends AutoCloseable {

        /**
         * How many units are done so far.
         *
         * @param done the units done since the step started
         */
        void update(long done);

        /** Ends the step; nothing by default. */
        @Override
        default void close() {
        }
    }
}
