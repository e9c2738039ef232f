package dev.lifeboat.adapter.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Reads values of the types lifeboat expects, and reports any other type as a problem. Wrong values are never
 * repeated in a message, since one may be a password.
 */
final class ValueReader {

    private final Problems problems;

    ValueReader(Problems problems) {
        this.problems = problems;
    }

    /**
     * A string value.
     *
     * @param expected what the key takes, for the message, such as {@code a path in quotes}
     */
    Optional<String> string(TomlEntry entry, String expected) {
        if (entry.value().isTextual()) {
            return Optional.of(entry.value().textValue());
        }
        wrongType(entry, expected);
        return Optional.empty();
    }

    /** A string, whole number or boolean value, as text ({@code 4}, {@code true}). */
    Optional<String> scalar(TomlEntry entry, String expected) {
        JsonNode value = entry.value();
        if (value.isTextual() || value.isIntegralNumber() || value.isBoolean()) {
            return Optional.of(value.asText());
        }
        wrongType(entry, expected);
        return Optional.empty();
    }

    /** A string value that is not blank. */
    Optional<String> nonBlankString(TomlEntry entry, String expected) {
        Optional<String> text = string(entry, expected);
        if (text.isPresent() && text.get().isBlank()) {
            problems.add(entry.origin(), "must not be empty: expected " + expected);
            return Optional.empty();
        }
        return text;
    }

    /** A whole number from 0 up, such as a count of backups to keep. */
    Optional<Integer> count(TomlEntry entry) {
        JsonNode value = entry.value();
        if (!value.isIntegralNumber()) {
            wrongType(entry, "a whole number of 0 or more");
            return Optional.empty();
        }
        BigInteger number = value.bigIntegerValue();
        if (number.signum() < 0) {
            problems.add(entry.origin(), number + " is negative: use a whole number of 0 or more");
            return Optional.empty();
        }
        if (number.bitLength() > 31) {
            problems.add(entry.origin(), number + " is too large: use at most " + Integer.MAX_VALUE);
            return Optional.empty();
        }
        return Optional.of(number.intValue());
    }

    /** Whether a value is a table, reporting it when it is not. */
    boolean isTable(TomlEntry entry, String example) {
        if (entry.value().isObject()) {
            return true;
        }
        wrongType(entry, "a table such as " + example);
        return false;
    }

    private void wrongType(TomlEntry entry, String expected) {
        String found = describe(entry.value());
        if (entry.value().isPojo()) {
            found += " (TOML reads an unquoted date or time as one, not as text: put the value in quotes)";
        }
        problems.add(entry.origin(), "expected " + expected + ", found " + found);
    }

    void unknownKey(TomlEntry entry, String where, List<String> allowed) {
        problems.add(entry.origin(), "unknown key: " + where + " takes " + listed(allowed));
    }

    /** {@code a, b or c}. */
    static String listed(List<String> words) {
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    /** What kind of TOML value a node is, in TOML's words. */
    static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isIntegralNumber()) {
            return "an integer";
        }
        if (value.isNumber()) {
            return "a float";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isObject()) {
            return "a table";
        }
        if (value instanceof POJONode date) {
            Object time = date.getPojo();
            if (time instanceof OffsetDateTime) {
                return "a date-time";
            }
            if (time instanceof LocalDateTime) {
                return "a local date-time";
            }
            if (time instanceof LocalDate) {
                return "a date";
            }
            if (time instanceof LocalTime) {
                return "a time";
            }
        }
        return "a value of another kind";
    }
}
