package dev.lifeboat.adapter.config;

import dev.lifeboat.domain.config.Configured;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.policy.RetentionPolicy;
import dev.lifeboat.domain.policy.RetentionSpan;
import java.util.List;
import java.util.Optional;

/** Reads a {@code keep} table: the retention policy applied after each backup. */
final class RetentionReader {

    static final List<String> KEYS = List.of("last", "hourly", "daily", "weekly", "monthly", "yearly", "within");

    private final TomlDocument document;
    private final Problems problems;
    private final ValueReader values;

    RetentionReader(TomlDocument document, Problems problems, ValueReader values) {
        this.document = document;
        this.problems = problems;
        this.values = values;
    }

    Optional<Configured<RetentionPolicy>> read(TomlEntry keep) {
        if (!values.isTable(keep, "{ daily = 7, weekly = 4 }")) {
            return Optional.empty();
        }
        // indexed like KEYS, whose first six are the counts
        int[] counts = new int[6];
        Optional<RetentionSpan> within = Optional.empty();
        boolean complete = true;
        for (TomlEntry rule : document.entries(keep)) {
            int index = KEYS.indexOf(rule.name());
            if (index < 0) {
                values.unknownKey(rule, "keep", KEYS);
                complete = false;
            } else if (rule.name().equals("within")) {
                within = values.nonBlankString(rule, "a span in quotes, such as \"30d\"").flatMap(text -> span(rule, text));
                complete &= within.isPresent();
            } else {
                Optional<Integer> count = values.count(rule);
                count.ifPresent(value -> counts[index] = value);
                complete &= count.isPresent();
            }
        }
        if (!complete) {
            return Optional.empty();
        }
        RetentionPolicy policy = new RetentionPolicy(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5],
                within);
        if (policy.isEmpty()) {
            problems.add(keep.origin(), "keeps nothing, so pruning would delete every backup but the newest: set at "
                    + "least one of " + ValueReader.listed(KEYS) + " above 0");
            return Optional.empty();
        }
        return Optional.of(new Configured<>(policy, keep.origin()));
    }

    private Optional<RetentionSpan> span(TomlEntry rule, String text) {
        try {
            return Optional.of(RetentionSpan.parse(text));
        } catch (InvalidUsageException e) {
            problems.add(rule.origin(), e.getMessage());
            return Optional.empty();
        }
    }
}
