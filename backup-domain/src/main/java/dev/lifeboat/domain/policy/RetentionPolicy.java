package dev.lifeboat.domain.policy;

import dev.lifeboat.domain.error.InvalidUsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which backups to keep, in the user's words, as restic states them: the last N; the newest of each of the last N
 * hours, days, ISO weeks, months and years that have backups; everything within a span of the newest. Rules combine:
 * a backup kept by any rule stays. Buckets are in UTC.
 *
 * @param last    keep the N newest
 * @param hourly  keep the newest of each of the last N hours that have a backup
 * @param daily   likewise for days
 * @param weekly  likewise for ISO weeks (Monday to Sunday; the week of 2021-01-03 is 2020-W53)
 * @param monthly likewise for months
 * @param yearly  likewise for years
 * @param within  keep everything taken within this span before the newest backup
 */
public record RetentionPolicy(int last, int hourly, int daily, int weekly, int monthly, int yearly,
                              Optional<RetentionSpan> within) {

    public RetentionPolicy {
        for (int count : new int[] {last, hourly, daily, weekly, monthly, yearly}) {
            if (count < 0) {
                throw new InvalidUsageException("keep counts must not be negative");
            }
        }
        Objects.requireNonNull(within, "within");
    }

    public static RetentionPolicy none() {
        return new RetentionPolicy(0, 0, 0, 0, 0, 0, Optional.empty());
    }

    /**
     * Whether no rule keeps anything (counts of 0, a span of 0): pruning with such a policy would delete all but the
     * newest, so it is refused.
     */
    public boolean isEmpty() {
        return last == 0 && hourly == 0 && daily == 0 && weekly == 0 && monthly == 0 && yearly == 0
                && within.filter(span -> !span.isZero()).isEmpty();
    }

    /** The rules in words, such as "last 7, daily 14, within 30d". */
    public String describe() {
        List<String> rules = new ArrayList<>();
        add(rules, "last", last);
        add(rules, "hourly", hourly);
        add(rules, "daily", daily);
        add(rules, "weekly", weekly);
        add(rules, "monthly", monthly);
        add(rules, "yearly", yearly);
        within.filter(span -> !span.isZero()).ifPresent(span -> rules.add("within " + span));
        return rules.isEmpty() ? "nothing" : String.join(", ", rules);
    }

    private static void add(List<String> rules, String name, int count) {
        if (count > 0) {
            rules.add(name + " " + count);
        }
    }
}
