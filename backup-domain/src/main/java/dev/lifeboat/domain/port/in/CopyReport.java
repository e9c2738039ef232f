package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.error.ExitStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a copy did, archive by archive.
 *
 * @param source   the repository copied from
 * @param target   the repository copied to
 * @param dryRun   whether nothing was written
 * @param archives every archive considered, in the order they were copied (oldest first)
 * @param notices  what happened on the way: a stale lock taken over, leftovers of interrupted runs removed
 */
public record CopyReport(String source, String target, boolean dryRun, List<ArchiveCopy> archives,
                         List<String> notices) {

    public CopyReport {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        archives = List.copyOf(archives);
        notices = List.copyOf(notices);
    }

    public long count(ArchiveCopy.Outcome outcome) {
        return archives.stream().filter(archive -> archive.outcome() == outcome).count();
    }

    /** The bytes copied (or, in a dry run, to be copied). */
    public long copiedBytes() {
        return archives.stream().filter(archive -> archive.outcome() == ArchiveCopy.Outcome.COPIED)
                .mapToLong(ArchiveCopy::sizeBytes).sum();
    }

    /** The archives that were not copied and are not in the target as they are in the source. */
    public List<ArchiveCopy> problems() {
        return archives.stream().filter(archive -> !archive.ok()).toList();
    }

    /**
     * How the run ends: the status of the first archive that failed (a damaged source archive: verification failed),
     * else refused when one was refused, else empty: every archive is in the target.
     */
    public Optional<ExitStatus> failure() {
        return archives.stream().filter(archive -> archive.outcome() == ArchiveCopy.Outcome.FAILED).findFirst()
                .map(ArchiveCopy::status)
                .or(() -> archives.stream().filter(archive -> archive.outcome() == ArchiveCopy.Outcome.REFUSED)
                        .findFirst().map(ArchiveCopy::status));
    }
}
