package dev.lifeboat.domain.policy;

import dev.lifeboat.domain.error.InvalidUsageException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What backups are grouped by for retention: each group keeps its own last N, daily N, ... */
public enum GroupField {
    DATABASE, ENGINE, LABEL;

    /** The default grouping: database, engine and label, so nightly and weekly backups are kept apart. */
    public static final Set<GroupField> DEFAULT = EnumSet.allOf(GroupField.class);

    /** Reads a comma-separated list such as {@code database,label}; an empty text puts everything in one group. */
    public static Set<GroupField> parse(String text) {
        Set<GroupField> fields = EnumSet.noneOf(GroupField.class);
        for (String word : text.split(",")) {
            String name = word.trim();
            if (name.isEmpty()) {
                continue;
            }
            fields.add(Arrays.stream(values()).filter(field -> field.id().equals(name.toLowerCase(Locale.ROOT)))
                    .findFirst().orElseThrow(() -> new InvalidUsageException("cannot group by '" + name + "': use "
                            + Arrays.stream(values()).map(GroupField::id).collect(Collectors.joining(", ")))));
        }
        return fields;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
