package dev.lifeboat.domain.port.in;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to verify every archive of a repository that was not verified successfully lately.
 *
 * @param deep          whether to restore each into scratch space and compare
 * @param olderThan     skip an archive whose last successful verification is more recent than this; empty verifies
 *                      every archive
 * @param engineOptions engine options (where a server-based engine restores its scratch copy)
 */
public record VerifyAllCommand(boolean deep, Optional<Duration> olderThan, Map<String, String> engineOptions) {

    public VerifyAllCommand {
        Objects.requireNonNull(olderThan, "olderThan");
        olderThan.filter(Duration::isNegative).ifPresent(duration -> {
            throw new IllegalArgumentException("a negative age: " + duration);
        });
        engineOptions = Map.copyOf(engineOptions);
    }
}
