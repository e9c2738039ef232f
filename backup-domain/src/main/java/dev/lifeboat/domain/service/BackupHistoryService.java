package dev.lifeboat.domain.service;

import dev.lifeboat.domain.model.LastVerification;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.policy.Retention;
import dev.lifeboat.domain.policy.RetentionDecision;
import dev.lifeboat.domain.policy.RetentionPolicy;
import dev.lifeboat.domain.port.in.BackupHistoryUseCase;
import dev.lifeboat.domain.port.in.BackupListing;
import dev.lifeboat.domain.port.in.BackupPoint;
import dev.lifeboat.domain.port.in.DatabaseFreshness;
import dev.lifeboat.domain.port.in.DatabaseHistory;
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.BackupRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Gathers what the report shows of each database from the listing and the verification records, never from the
 * archives' data: the figures of every backup, retention's verdict on each, the days without a backup, and the
 * newest backup's age against its max-age.
 */
public final class BackupHistoryService implements BackupHistoryUseCase {

    private final ArchiveLookup lookup;
    private final CheckBackupsService check;
    private final VerificationRecords records;

    /** @param clock what the newest backup's age is measured against */
    public BackupHistoryService(ArchiveCodec codec, BackupRepository repository, VerificationRecords records,
                                Clock clock) {
        this.lookup = new ArchiveLookup(repository, codec);
        this.check = new CheckBackupsService(codec, repository, records, clock);
        this.records = records;
    }

    /**
     * The history of each database with backups in the repository, by name.
     *
     * @param maxAge    the max-age of each database
     * @param retention the retention policy of each database
     */
    @Override
    public List<DatabaseHistory> histories(Function<String, Duration> maxAge,
                                           Function<String, RetentionPolicy> retention) {
        List<BackupListing> all = lookup.listing(Optional.empty(), records::last);
        List<DatabaseHistory> histories = new ArrayList<>();
        for (String database : check.databases()) {
            List<BackupListing> own = all.stream()
                    .filter(listing -> !ArchiveLookup.isSafetyBackup(listing))
                    .filter(listing -> ArchiveLookup.belongsTo(listing, database))
                    .sorted(ArchiveLookup.NEWEST_FIRST.reversed())
                    .toList();
            RetentionPolicy policy = retention.apply(database);
            Map<String, Boolean> kept = policy.isEmpty() ? Map.of() : Retention.apply(policy, own.stream()
                            .map(listing -> new Retention.Candidate(listing.archive().name().value(),
                                    ArchiveLookup.createdAt(listing))).toList()).stream()
                    .collect(Collectors.toMap(RetentionDecision::name, RetentionDecision::kept));
            List<BackupPoint> points = own.stream().map(listing -> point(listing,
                    Optional.ofNullable(kept.get(listing.archive().name().value())))).toList();
            DatabaseFreshness freshness = check.check(database, maxAge.apply(database));
            histories.add(new DatabaseHistory(database, points, freshness, policy, gaps(points)));
        }
        return histories;
    }

    private static BackupPoint point(BackupListing listing, Optional<Boolean> kept) {
        Optional<Manifest> manifest = listing.manifest();
        return new BackupPoint(listing.archive().name().value(), ArchiveLookup.createdAt(listing),
                listing.archive().sizeBytes(), manifest.map(Manifest::rawSize),
                manifest.map(found -> found.fingerprint().totalRows()), manifest.flatMap(Manifest::duration),
                listing.verification(), kept, listing.problem());
    }

    /** The days without a backup between the first backup's day and the newest's, as ranges. */
    static List<DatabaseHistory.Gap> gaps(List<BackupPoint> oldestFirst) {
        if (oldestFirst.isEmpty()) {
            return List.of();
        }
        Set<LocalDate> days = new TreeSet<>();
        oldestFirst.forEach(point -> days.add(LocalDate.ofInstant(point.createdAt(), ZoneOffset.UTC)));
        LocalDate first = days.stream().min(Comparator.naturalOrder()).orElseThrow();
        LocalDate last = days.stream().max(Comparator.naturalOrder()).orElseThrow();
        List<DatabaseHistory.Gap> gaps = new ArrayList<>();
        LocalDate gapStart = null;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (!days.contains(day) && gapStart == null) {
                gapStart = day;
            } else if (days.contains(day) && gapStart != null) {
                gaps.add(new DatabaseHistory.Gap(gapStart, day.minusDays(1)));
                gapStart = null;
            }
        }
        return gaps;
    }
}
