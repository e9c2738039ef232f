package dev.lifeboat.adapter.config;

import dev.lifeboat.domain.config.Configured;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code [s3]} table: the settings of an S3-compatible object storage repository besides its location
 * ({@code repository = "s3://bucket/prefix"}). Values are kept as text, as the environment variables that may set
 * them instead are; the repository checks what they mean when it is opened. Credentials are refused here: they
 * belong in the environment or in an AWS profile, never in a file that is copied around with the rest of the
 * configuration.
 */
final class S3SettingsReader {

    /** The table's name: the id of the repository kind whose settings it holds. */
    static final String TABLE = "s3";
    static final List<String> KEYS = List.of("endpoint", "region", "path-style", "provider", "profile",
            "object-lock-mode", "object-lock-days", "lock-lease");
    private static final List<String> CREDENTIALS = List.of("access-key-id", "secret-access-key");
    private static final String PATH_STYLE = "path-style";
    private static final String OBJECT_LOCK_DAYS = "object-lock-days";

    private final TomlDocument document;
    private final Problems problems;
    private final ValueReader values;

    S3SettingsReader(TomlDocument document, Problems problems, ValueReader values) {
        this.document = document;
        this.problems = problems;
        this.values = values;
    }

    /** The settings by key, in the file's order; empty when the table is not a table. */
    Map<String, Configured<String>> read(TomlEntry table) {
        Map<String, Configured<String>> settings = new LinkedHashMap<>();
        if (!values.isTable(table, "[s3] with endpoint = \"https://s3.example.com\"")) {
            return settings;
        }
        for (TomlEntry entry : document.entries(table)) {
            String key = entry.name();
            if (CREDENTIALS.contains(key)) {
                // the value is never repeated: it may be the secret itself
                problems.add(entry.origin(), "credentials never go in the configuration file: set AWS_ACCESS_KEY_ID "
                        + "and AWS_SECRET_ACCESS_KEY in the environment, or name a profile of ~/.aws/credentials "
                        + "with profile = \"NAME\" (an instance or container role needs neither)");
            } else if (!KEYS.contains(key)) {
                values.unknownKey(entry, "s3", KEYS);
            } else {
                value(entry).ifPresent(text -> settings.put(key, new Configured<>(text, entry.origin())));
            }
        }
        return settings;
    }

    private Optional<String> value(TomlEntry entry) {
        return switch (entry.name()) {
            case PATH_STYLE -> pathStyle(entry);
            case OBJECT_LOCK_DAYS -> days(entry);
            default -> values.nonBlankString(entry, "text in quotes");
        };
    }

    private Optional<String> pathStyle(TomlEntry entry) {
        if (entry.value().isBoolean()) {
            return Optional.of(Boolean.toString(entry.value().booleanValue()));
        }
        Optional<String> text = values.string(entry, "true or false");
        if (text.isEmpty()) {
            return text;
        }
        String word = text.get().trim().toLowerCase(Locale.ROOT);
        if (!word.equals("true") && !word.equals("false")) {
            problems.add(entry.origin(), "expected true or false, found '" + text.get() + "'");
            return Optional.empty();
        }
        return Optional.of(word);
    }

    private Optional<String> days(TomlEntry entry) {
        String expected = "a whole number of days of 1 or more";
        if (entry.value().isIntegralNumber()) {
            return positive(entry, entry.value().bigIntegerValue(), expected);
        }
        Optional<String> text = values.string(entry, expected);
        if (text.isEmpty()) {
            return text;
        }
        if (!text.get().trim().matches("-?[0-9]+")) {
            problems.add(entry.origin(), "expected " + expected + ", found '" + text.get() + "'");
            return Optional.empty();
        }
        return positive(entry, new BigInteger(text.get().trim()), expected);
    }

    private Optional<String> positive(TomlEntry entry, BigInteger number, String expected) {
        if (number.signum() <= 0 || number.bitLength() > 31) {
            problems.add(entry.origin(), number + " is out of range: expected " + expected + " (at most "
                    + Integer.MAX_VALUE + ")");
            return Optional.empty();
        }
        return Optional.of(number.toString());
    }
}
