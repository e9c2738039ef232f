package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.model.ArchiveInfo;
import java.util.List;

/**
 * What a prune decided and did.
 *
 * @param dryRun     whether nothing was deleted
 * @param policy     the rules, in words
 * @param groups     every group with its decisions
 * @param unreadable archives whose manifest could not be read: never removed by a policy, left for a person
 * @param leftovers  temporary files of crashed runs that were removed
 * @param retained   archives the policy removes but the repository may not delete yet (a retention period such as S3
 *                   Object Lock's keeps them): still there, whole, and no failure; a later prune removes them
 */
public record PruneReport(boolean dryRun, String policy, List<PrunedGroup> groups, List<ArchiveInfo> unreadable,
                          List<String> leftovers, List<String> retained) {

    public PruneReport {
        groups = List.copyOf(groups);
        unreadable = List.copyOf(unreadable);
        leftovers = List.copyOf(leftovers);
        retained = List.copyOf(retained);
    }

    /** The archives deleted (or, in a dry run, to be deleted); retained ones are not counted. */
    public long removedCount() {
        return groups.stream().mapToLong(group -> group.removed().size()).sum() - retained.size();
    }

    public long keptCount() {
        return groups.stream().mapToLong(group -> group.kept().size()).sum();
    }

    /** Whether the policy removes this archive but the repository kept it. */
    public boolean isRetained(String name) {
        return retained.contains(name);
    }
}
