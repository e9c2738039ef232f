package dev.lifeboat.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cases of the corruption matrix of one engine: how many damaged archives of each kind were tried and how many
 * were detected by every check made on them, the same per check (fast verify, deep verify, restore), and exactly
 * which were missed. Prints the {@code RELIABILITY} lines docs/reliability.md is made from.
 */
final class CorruptionTally {

    private final String engine;
    private final Map<String, int[]> byKind = new TreeMap<>();
    private final Map<String, int[]> byCheck = new TreeMap<>();
    private final List<String> misses = new ArrayList<>();

    CorruptionTally(String engine) {
        this.engine = engine;
    }

    /**
     * Counts one damaged archive.
     *
     * @param damage what was done to it
     * @param checks each check made on it (such as {@code verify}, {@code verify-deep}, {@code restore}) and whether
     *               it refused the archive as it must, or what happened instead
     */
    void count(CorruptionDamage damage, Map<String, Outcome> checks) {
        boolean all = true;
        for (Map.Entry<String, Outcome> check : checks.entrySet()) {
            boolean detected = check.getValue().detected();
            add(byCheck, check.getKey(), detected);
            if (!detected) {
                all = false;
                misses.add(check.getKey() + " missed " + damage + ": " + check.getValue().what());
            }
        }
        add(byKind, damage.kind(), all);
    }

    int tried(String check) {
        return byCheck.getOrDefault(check, new int[2])[0];
    }

    List<String> misses() {
        return List.copyOf(misses);
    }

    /**
     * One line per kind of damage, one per check, and the total, as in
     * {@code RELIABILITY corruption-sqlite-truncate tried=40 detected=40}.
     */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        byKind.forEach((kind, c) -> lines.add(line(engine + "-" + kind, c)));
        byCheck.forEach((check, c) -> lines.add(line(engine + "-check-" + check, c)));
        int[] total = new int[2];
        byKind.values().forEach(c -> {
            total[0] += c[0];
            total[1] += c[1];
        });
        lines.add(line(engine, total));
        return lines;
    }

    private static String line(String name, int[] counts) {
        return "RELIABILITY corruption-" + name + " tried=" + counts[0] + " detected=" + counts[1];
    }

    private static void add(Map<String, int[]> counts, String key, boolean detected) {
        int[] c = counts.computeIfAbsent(key, k -> new int[2]);
        c[0]++;
        if (detected) {
            c[1]++;
        }
    }

    /**
     * What one check made of a damaged archive.
     *
     * @param detected whether it refused the archive as it must
     * @param what     what happened, to name a miss
     */
    record Outcome(boolean detected, String what) {
    }
}
