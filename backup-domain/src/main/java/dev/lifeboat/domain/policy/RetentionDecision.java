package dev.lifeboat.domain.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a retention policy decided for one backup, and why.
 *
 * @param name      the backup
 * @param createdAt when it was taken
 * @param reasons   the rules that keep it, such as "daily 2026-11-24"; empty when it is to be removed
 */
public record RetentionDecision(String name, Instant createdAt, List<String> reasons) {

    public RetentionDecision {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        reasons = List.copyOf(reasons);
    }

    public boolean kept() {
        return !reasons.isEmpty();
    }
}
