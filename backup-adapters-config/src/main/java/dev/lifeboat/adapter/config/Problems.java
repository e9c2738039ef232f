package dev.lifeboat.adapter.config;

import dev.lifeboat.domain.config.Origin;
import dev.lifeboat.domain.error.InvalidUsageException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything wrong with a configuration file, gathered so the user can fix it all in one go rather than one
 * problem per run.
 */
final class Problems {

    private record Problem(int line, String text) {
    }

    private final List<Problem> problems = new ArrayList<>();

    /** A problem with a key: {@code lifeboat.toml:7: databases.shop.compression: unknown compression 'lz4': ...}. */
    void add(Origin origin, String what) {
        problems.add(new Problem(origin.line(), origin + ": " + what));
    }

    /** @throws InvalidUsageException listing every problem, one a line, in the file's order */
    void throwIfAny() {
        if (problems.isEmpty()) {
            return;
        }
        List<String> lines = problems.stream().sorted(Comparator.comparingInt(Problem::line)).map(Problem::text)
                .distinct().toList();
        throw new InvalidUsageException(String.join("\n", lines));
    }
}
