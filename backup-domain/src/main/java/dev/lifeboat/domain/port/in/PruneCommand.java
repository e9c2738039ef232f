package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.policy.GroupField;
import dev.lifeboat.domain.policy.RetentionPolicy;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A request to remove the backups a retention policy does not keep.
 *
 * @param policy      which backups to keep; must keep something
 * @param groupBy     what backups are grouped by; each group is pruned on its own
 * @param onlyGroupOf prune only the group of this archive (a backup that prunes its own group right after it)
 * @param dryRun      decide and report, delete nothing
 * @param lockTimeout how long to wait for a repository another run holds
 */
public record PruneCommand(RetentionPolicy policy, Set<GroupField> groupBy, Optional<String> onlyGroupOf, boolean dryRun,
                           Duration lockTimeout) {

    public PruneCommand {
        Objects.requireNonNull(policy, "policy");
        if (policy.isEmpty()) {
            throw new InvalidUsageException("no --keep option given that keeps anything: prune would remove every "
                    + "backup but the newest of each group; say what to keep, e.g. --keep-daily 7 --keep-weekly 4");
        }
        groupBy = groupBy.isEmpty() ? EnumSet.noneOf(GroupField.class) : EnumSet.copyOf(groupBy);
        Objects.requireNonNull(onlyGroupOf, "onlyGroupOf");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        if (lockTimeout.isNegative()) {
            throw new InvalidUsageException("the lock timeout must not be negative");
        }
    }
}
