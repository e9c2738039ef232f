package dev.lifeboat.adapter.config;

import dev.lifeboat.domain.config.Configured;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.policy.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Reads a {@code check} table: {@code max-age}, how old the newest backup may be before {@code check} says stale. */
final class CheckReader {

    static final List<String> KEYS = List.of("max-age");

    private final TomlDocument document;
    private final Problems problems;
    private final ValueReader values;

    CheckReader(TomlDocument document, Problems problems, ValueReader values) {
        this.document = document;
        this.problems = problems;
        this.values = values;
    }

    Optional<Configured<Duration>> maxAge(TomlEntry check) {
        if (!values.isTable(check, "[check] with max-age = \"26h\"")) {
            return Optional.empty();
        }
        Optional<Configured<Duration>> maxAge = Optional.empty();
        for (TomlEntry entry : document.entries(check)) {
            if (entry.name().equals("max-age")) {
                maxAge = values.string(entry, "a duration in quotes, such as \"26h\" or \"8d\"").flatMap(text -> {
                    try {
                        Duration duration = Durations.parse(text);
                        if (duration.isZero()) {
                            problems.add(entry.origin(), "a max-age of 0 makes every backup stale: use e.g. \"26h\"");
                            return Optional.empty();
                        }
                        return Optional.of(new Configured<>(duration, entry.origin()));
                    } catch (InvalidUsageException e) {
                        problems.add(entry.origin(), e.getMessage());
                        return Optional.empty();
                    }
                });
            } else {
                values.unknownKey(entry, "check", KEYS);
            }
        }
        return maxAge;
    }
}
