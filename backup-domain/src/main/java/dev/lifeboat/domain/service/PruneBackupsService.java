package dev.lifeboat.domain.service;

import dev.lifeboat.domain.model.ArchiveInfo;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.policy.GroupField;
import dev.lifeboat.domain.policy.Retention;
import dev.lifeboat.domain.policy.RetentionDecision;
import dev.lifeboat.domain.port.in.BackupListing;
import dev.lifeboat.domain.port.in.PruneBackupsUseCase;
import dev.lifeboat.domain.port.in.PruneCommand;
import dev.lifeboat.domain.port.in.PruneReport;
import dev.lifeboat.domain.port.in.PrunedGroup;
import dev.lifeboat.domain.port.out.ArchiveCodec;
import dev.lifeboat.domain.port.out.BackupRepository;
import dev.lifeboat.domain.port.out.RepositoryLock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Prunes a repository: groups its backups, applies the retention policy to each group, and deletes what no rule
 * keeps, holding the repository's lock so no backup or restore runs meanwhile. The newest backup of a group is
 * never deleted, and neither is an archive whose manifest cannot be read: a policy cannot judge it. An archive the
 * repository may not delete yet (a retention period) is reported as retained, not as a failure.
 */
public final class PruneBackupsService implements PruneBackupsUseCase {

    private final ArchiveLookup lookup;
    private final BackupRepository repository;

    public PruneBackupsService(ArchiveCodec codec, BackupRepository repository) {
        this.lookup = new ArchiveLookup(repository, codec);
        this.repository = repository;
    }

    @Override
    public PruneReport prune(PruneCommand command) {
        if (command.dryRun()) {
            return decide(command, List.of());
        }
        try (RepositoryLock lock = repository.lock(command.lockTimeout(), "prune")) {
            List<String> leftovers = repository.removeLeftovers();
            PruneReport report = decide(command, leftovers);
            List<String> retained = new ArrayList<>();
            for (PrunedGroup group : report.groups()) {
                for (RetentionDecision removed : group.removed()) {
                    // a retention period (S3 Object Lock) may forbid the deletion for now: the archive stays whole,
                    // which is what the period is for, so it is reported and the prune goes on
                    if (!repository.delete(new BackupName(removed.name()), lock)) {
                        retained.add(removed.name());
                    }
                }
            }
            return new PruneReport(report.dryRun(), report.policy(), report.groups(), report.unreadable(),
                    report.leftovers(), retained);
        }
    }

    private PruneReport decide(PruneCommand command, List<String> leftovers) {
        List<BackupListing> listings = lookup.listing(Optional.empty());
        Map<Map<String, String>, List<Retention.Candidate>> groups = new LinkedHashMap<>();
        List<ArchiveInfo> unreadable = new ArrayList<>();
        Optional<Map<String, String>> onlyGroup = command.onlyGroupOf().map(name -> groupOf(listings, name, command));
        for (BackupListing listing : listings) {
            if (listing.manifest().isEmpty()) {
                unreadable.add(listing.archive());
                continue;
            }
            Map<String, String> key = key(listing.manifest().get(), command);
            if (onlyGroup.isEmpty() || onlyGroup.get().equals(key)) {
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(new Retention.Candidate(
                        listing.archive().name().value(), listing.manifest().get().createdAt()));
            }
        }
        List<PrunedGroup> pruned = new ArrayList<>();
        groups.forEach((key, candidates) -> pruned.add(new PrunedGroup(key, Retention.apply(command.policy(), candidates))));
        return new PruneReport(command.dryRun(), command.policy().describe(), pruned, unreadable, leftovers, List.of());
    }

    private static Map<String, String> groupOf(List<BackupListing> listings, String archiveName, PruneCommand command) {
        return listings.stream()
                .filter(listing -> listing.archive().name().value().equals(archiveName) && listing.manifest().isPresent())
                .map(listing -> key(listing.manifest().get(), command))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the archive " + archiveName + " to prune beside is not "
                        + "in the repository"));
    }

    private static Map<String, String> key(Manifest manifest, PruneCommand command) {
        Map<String, String> key = new TreeMap<>();
        for (GroupField field : command.groupBy()) {
            key.put(field.id(), switch (field) {
                case DATABASE -> manifest.databaseName();
                case ENGINE -> manifest.engineId();
                case LABEL -> manifest.label().orElse("");
            });
        }
        return key;
    }
}
