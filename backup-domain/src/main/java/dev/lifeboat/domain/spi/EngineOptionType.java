package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.policy.Durations;
import java.time.Duration;
import java.util.Locale;

/**
 * The kinds of value an {@link EngineOption} takes: a closed set, so that the command line can offer every engine's
 * options alike (a flag without a value, the others with one) and two engines sharing a flag can be checked to agree.
 * Values travel as text (they are recorded in the manifest); {@link #normalize} turns what the user typed into the
 * one spelling an engine reads, or says what it accepts.
 */
public sealed interface EngineOptionType {

    /** On or off: {@code true} or {@code false}; given as a bare flag on the command line. */
    EngineOptionType FLAG = new Flag();

    /** A duration as people write them ({@code 30s}, {@code 5m}, {@code 250ms}, {@code PT1M}), kept as ms or s. */
    EngineOptionType DURATION = new DurationValue();

    /**
     * A whole number from {@code min} to {@code max}, both included; shown as {@code N} in help.
     *
     * @param min the smallest value allowed
     * @param max the largest value allowed, not below {@code min}
     * @return the type, to declare an {@link EngineOption} with
     * @throws IllegalArgumentException when {@code min} is above {@code max}
     */
    static EngineOptionType integer(long min, long max) {
        return new Whole(min, max);
    }

    /**
     * Any non-blank text, such as a URL; kept trimmed.
     *
     * @param label what the text is, the value's placeholder in help: {@code URL}, {@code NAME}
     * @return the type, to declare an {@link EngineOption} with
     * @throws IllegalArgumentException when the label is missing or blank
     */
    static EngineOptionType text(String label) {
        return new Text(label);
    }

    /**
     * {@return the kind's name, as {@code lifeboat engines} shows it: {@code flag}, {@code integer},
     * {@code duration}, {@code text}} Engines that declare the same command-line flag must declare it of the same
     * kind.
     */
    String kind();

    /** {@return what the kind accepts, for help and error messages: {@code a whole number from 1 to 64}} */
    String accepts();

    /**
     * {@return the placeholder for the value in help: {@code N}, {@code DURATION}, a text's label; empty for a flag}
     */
    String label();

    /**
     * The one spelling of a value an engine reads.
     *
     * @param value the value as the user typed it, on the command line or in the configuration file
     * @return the value in that spelling: {@code true} or {@code false} for a flag, the number in plain digits
     *         ({@code 03} becomes {@code 3}), a duration in whole seconds ({@code 5m} becomes {@code 300s}) or else
     *         in milliseconds ({@code 250ms}), text trimmed
     * @throws IllegalArgumentException when the value is not of this kind; its message is {@link #accepts()}
     */
    String normalize(String value);

    /** {@code true} or {@code false}, in any case. */
    record Flag() implements EngineOptionType {

        @Override
        public String kind() {
            return "flag";
        }

        @Override
        public String accepts() {
            return "true or false";
        }

        @Override
        public String label() {
            return "";
        }

        @Override
        public String normalize(String value) {
            String lower = value.trim().toLowerCase(Locale.ROOT);
            if (lower.equals("true") || lower.equals("false")) {
                return lower;
            }
            throw new IllegalArgumentException(accepts());
        }
    }

    /**
     * A whole number within bounds.
     *
     * @param min the smallest value allowed
     * @param max the largest value allowed
     */
    record Whole(long min, long max) implements EngineOptionType {

        /**
         * Checks that the bounds make a range.
         *
         * @param min the smallest value allowed
         * @param max the largest value allowed
         * @throws IllegalArgumentException when {@code min} is above {@code max}
         */
        public Whole {
            if (min > max) {
                throw new IllegalArgumentException("an integer option's minimum " + min + " is above its maximum " + max);
            }
        }

        @Override
        public String kind() {
            return "integer";
        }

        @Override
        public String accepts() {
            return "a whole number from " + min + " to " + max;
        }

        @Override
        public String label() {
            return "N";
        }

        @Override
        public String normalize(String value) {
            try {
                long number = Long.parseLong(value.trim());
                if (number >= min && number <= max) {
                    return Long.toString(number);
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new IllegalArgumentException(accepts());
        }
    }

    /** A non-negative duration. */
    record DurationValue() implements EngineOptionType {

        @Override
        public String kind() {
            return "duration";
        }

        @Override
        public String accepts() {
            return "a duration such as 30s, 5m or 250ms";
        }

        @Override
        public String label() {
            return "DURATION";
        }

        @Override
        public String normalize(String value) {
            Duration duration;
            try {
                duration = Durations.parse(value);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(accepts(), e);
            }
            long millis = duration.toMillis();
            return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
        }
    }

    /**
     * Non-blank text.
     *
     * @param label what the text is, for help: {@code URL}, {@code NAME}
     */
    record Text(String label) implements EngineOptionType {

        /**
         * Checks that the label says something.
         *
         * @param label what the text is, for help: {@code URL}, {@code NAME}
         * @throws IllegalArgumentException when the label is missing or blank
         */
        public Text {
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("a text option needs a label such as URL");
            }
        }

        @Override
        public String kind() {
            return "text";
        }

        @Override
        public String accepts() {
            return "a non-empty " + label;
        }

        @Override
        public String normalize(String value) {
            if (value.isBlank()) {
                throw new IllegalArgumentException(accepts());
            }
            return value.trim();
        }
    }
}
