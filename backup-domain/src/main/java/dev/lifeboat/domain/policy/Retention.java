package dev.lifeboat.domain.policy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Applies a {@link RetentionPolicy} to the backups of one group. Pure: the same backups and policy always give the
 * same decisions, whatever the time now. The newest backup of the group is always kept, whatever the rules say.
 */
public final class Retention {

    private Retention() {
    }

    /**
     * A backup as retention sees it.
     *
     * @param name      its name
     * @param createdAt when it was taken
     */
    public record Candidate(String name, Instant createdAt) {
    }

    /** The decision for every candidate, newest first. */
    public static List<RetentionDecision> apply(RetentionPolicy policy, List<Candidate> candidates) {
        List<Candidate> newestFirst = new ArrayList<>(candidates);
        // in the same instant (an encrypted archive's name gives whole seconds), the name's later attempt is newer
        newestFirst.sort(Comparator.comparing(Candidate::createdAt)
                .thenComparingInt((Candidate candidate) -> BackupNaming.attemptOf(candidate.name()))
                .thenComparing(Candidate::name).reversed());
        Map<Candidate, List<String>> reasons = new LinkedHashMap<>();
        newestFirst.forEach(candidate -> reasons.put(candidate, new ArrayList<>()));
        if (newestFirst.isEmpty()) {
            return List.of();
        }

        reasons.get(newestFirst.get(0)).add("newest of its group");
        for (int i = 0; i < Math.min(policy.last(), newestFirst.size()); i++) {
            reasons.get(newestFirst.get(i)).add("last " + policy.last());
        }
        keepNewestPerBucket(newestFirst, reasons, policy.hourly(), "hourly", time -> String.format("%04d-%02d-%02dT%02d",
                time.getYear(), time.getMonthValue(), time.getDayOfMonth(), time.getHour()));
        keepNewestPerBucket(newestFirst, reasons, policy.daily(), "daily", time -> time.toLocalDate().toString());
        keepNewestPerBucket(newestFirst, reasons, policy.weekly(), "weekly", time -> String.format("%04d-W%02d",
                time.get(IsoFields.WEEK_BASED_YEAR), time.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
        keepNewestPerBucket(newestFirst, reasons, policy.monthly(), "monthly", time -> String.format("%04d-%02d",
                time.getYear(), time.getMonthValue()));
        keepNewestPerBucket(newestFirst, reasons, policy.yearly(), "yearly", time -> Integer.toString(time.getYear()));
        policy.within().ifPresent(span -> {
            Instant cutoff = span.before(newestFirst.get(0).createdAt());
            newestFirst.stream().filter(candidate -> !candidate.createdAt().isBefore(cutoff))
                    .forEach(candidate -> reasons.get(candidate).add("within " + span + " of the newest"));
        });

        List<RetentionDecision> decisions = new ArrayList<>();
        reasons.forEach((candidate, why) -> decisions.add(new RetentionDecision(candidate.name(), candidate.createdAt(),
                why)));
        return decisions;
    }

    /** Walking from the newest, the first backup met in each bucket is that bucket's newest; keep it for N buckets. */
    private static void keepNewestPerBucket(List<Candidate> newestFirst, Map<Candidate, List<String>> reasons, int buckets,
                                            String rule, Function<ZonedDateTime, String> bucketOf) {
        String previous = null;
        int kept = 0;
        for (Candidate candidate : newestFirst) {
            if (kept >= buckets) {
                return;
            }
            String bucket = bucketOf.apply(candidate.createdAt().atZone(ZoneOffset.UTC));
            if (!bucket.equals(previous)) {
                reasons.get(candidate).add(rule + " " + bucket);
                previous = bucket;
                kept++;
            }
        }
    }
}
