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
 */
public record PruneReport(boolean dryRun, String policy, List<PrunedGroup> groups, List<ArchiveInfo> unreadable,
                          List<String> leftovers) {

    public PruneReport {
        groups = List.copyOf(groups);
        unreadable = List.copyOf(unreadable);
        leftovers = List.copyOf(leftovers);
    }

    public long removedCount() {
        return groups.stream().mapToLong(group -> group.removed().size()).sum();
    }

    public long keptCount() {
        return groups.stream().mapToLong(group -> group.kept().size()).sum();
    }
}
