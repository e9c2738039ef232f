package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.policy.RetentionDecision;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One group of backups and what became of each.
 *
 * @param key       the values the group shares, such as database=shop, engine=sqlite, label=nightly
 * @param decisions every backup of the group, newest first, kept (with the rules that keep it) or removed
 */
public record PrunedGroup(Map<String, String> key, List<RetentionDecision> decisions) {

    public PrunedGroup {
        Objects.requireNonNull(key, "key");
        key = Collections.unmodifiableMap(new TreeMap<>(key));
        decisions = List.copyOf(decisions);
    }

    public List<RetentionDecision> removed() {
        return decisions.stream().filter(decision -> !decision.kept()).toList();
    }

    public List<RetentionDecision> kept() {
        return decisions.stream().filter(RetentionDecision::kept).toList();
    }
}
