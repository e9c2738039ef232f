package dev.lifeboat.domain.service;

import dev.lifeboat.domain.model.ArchiveInfo;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.policy.BackupNaming;
import dev.lifeboat.domain.policy.GroupField;
import dev.lifeboat.domain.policy.Retention;
import dev.lifeboat.domain.policy.RetentionDecision;
import dev.lifeboat.domain.port.in.BackupListing;
import dev.lifeboat.domain.port.in.PruneBackupsUseCase;
import dev.lifeboat.domain.port.in.PruneCommand;
import dev.lifeboat.domain.port.in.PruneReport;
import dev.lifeboat.domain.port.in.PrunedGroup;
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.RepositoryLock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Prunes a repository: groups its backups, applies the retention policy to each group, and deletes what no rule
 * keeps, holding the repository's lock so no backup or restore runs meanwhile. The newest backup of a group is
 * never deleted, and neither is an archive whose manifest cannot be read: a policy cannot judge it, nor one whose last
 * verification failed, which the policy does not count (when this service reads verification records). An archive the
 * repository may not delete yet (a retention period) is reported as retained, not as a failure.
 * <p>
 * An encrypted archive's manifest is inside its ciphertext, so it is grouped by what its name says: its database
 * (with its label, if any), in groups of encrypted archives of their own, by the time in its name. A name lifeboat did
 * not make is kept, as an unreadable archive is.
 */
public final class PruneBackupsService implements PruneBackupsUseCase {

    /** Why an archive whose last verification failed is kept and left out of its group's count. */
    private static final String FAILED_VERIFICATION = "not counted: its last verification failed (verify, inspect, "
            + "then delete it yourself)";

    private final ArchiveLookup lookup;
    private final BackupRepository repository;
    private final Optional<VerificationRecords> records;

    public PruneBackupsService(ArchiveCodec codec, BackupRepository repository) {
        this(codec, repository, Optional.empty());
    }

    /**
     * @param records where each archive's last verification is read from: an archive whose last verification failed
     *                (one a retention period kept from being removed when it failed) does not count as one of the
     *                backups a policy keeps, so that it never pushes a good one out; nor is it removed
     */
    public PruneBackupsService(ArchiveCodec codec, BackupRepository repository, VerificationRecords records) {
        this(codec, repository, Optional.of(records));
    }

    private PruneBackupsService(ArchiveCodec codec, BackupRepository repository,
                                Optional<VerificationRecords> records) {
        this.lookup = new ArchiveLookup(repository, codec);
        this.repository = repository;
        this.records = records;
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
        List<BackupListing> listings = records.map(known -> lookup.listing(Optional.empty(), known::last))
                .orElseGet(() -> lookup.listing(Optional.empty()));
        Map<Map<String, String>, List<Retention.Candidate>> groups = new LinkedHashMap<>();
        Map<Map<String, String>, List<RetentionDecision>> failed = new LinkedHashMap<>();
        List<ArchiveInfo> unreadable = new ArrayList<>();
        Optional<Map<String, String>> onlyGroup = command.onlyGroupOf().map(name -> groupOf(listings, name, command));
        for (BackupListing listing : listings) {
            Optional<BackupNaming.NameParts> named = listing.encrypted()
                    ? BackupNaming.partsOf(listing.archive().name()) : Optional.empty();
            Map<String, String> key;
            Retention.Candidate candidate;
            if (named.isPresent()) {
                key = encryptedKey(named.get());
                candidate = new Retention.Candidate(listing.archive().name().value(), named.get().createdAt());
            } else if (listing.manifest().isPresent()) {
                key = key(listing.manifest().get(), command);
                candidate = new Retention.Candidate(listing.archive().name().value(),
                        listing.manifest().get().createdAt());
            } else {
                unreadable.add(listing.archive());
                continue;
            }
            if (onlyGroup.isPresent() && !onlyGroup.get().equals(key)) {
                continue;
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>());
            failed.computeIfAbsent(key, k -> new ArrayList<>());
            if (listing.verification().record().filter(record -> !record.passed()).isPresent()) {
                failed.get(key).add(new RetentionDecision(candidate.name(), candidate.createdAt(),
                        List.of(FAILED_VERIFICATION)));
            } else {
                groups.get(key).add(candidate);
            }
        }
        List<PrunedGroup> pruned = new ArrayList<>();
        groups.forEach((key, candidates) -> {
            List<RetentionDecision> decisions = new ArrayList<>(Retention.apply(command.policy(), candidates));
            decisions.addAll(failed.get(key));
            // newest first, as Retention gives them: the ones not counted in their place
            decisions.sort(Comparator.comparing(RetentionDecision::createdAt).reversed());
            pruned.add(new PrunedGroup(key, decisions));
        });
        return new PruneReport(command.dryRun(), command.policy().describe(), pruned, unreadable, leftovers, List.of());
    }

    private static Map<String, String> groupOf(List<BackupListing> listings, String archiveName, PruneCommand command) {
        return listings.stream()
                .filter(listing -> listing.archive().name().value().equals(archiveName))
                .flatMap(listing -> listing.manifest().map(manifest -> key(manifest, command))
                        .or(() -> BackupNaming.partsOf(listing.archive().name()).filter(parts -> listing.encrypted())
                                .map(PruneBackupsService::encryptedKey))
                        .stream())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the archive " + archiveName + " to prune beside is not "
                        + "in the repository"));
    }

    /** The group of an encrypted archive: the database and label its name gives, apart from plain archives. */
    private static Map<String, String> encryptedKey(BackupNaming.NameParts parts) {
        Map<String, String> key = new TreeMap<>();
        key.put("database", parts.databaseAndLabel());
        key.put("encrypted", "true");
        return key;
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
        // a restore's safety backups are a group of their own whatever the grouping: a schedule's backups never
        // count against them, nor they against the schedule's
        if (manifest.label().equals(Optional.of(RestoreBackupService.SAFETY_LABEL))) {
            key.put(GroupField.LABEL.id(), RestoreBackupService.SAFETY_LABEL);
        }
        return key;
    }
}
