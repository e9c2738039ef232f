package dev.lifeboat.domain.service;

import dev.lifeboat.domain.model.LastVerification;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.policy.BackupNaming;
import dev.lifeboat.domain.port.in.BackupListing;
import dev.lifeboat.domain.port.in.CheckBackupsUseCase;
import dev.lifeboat.domain.port.in.DatabaseFreshness;
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.BackupRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Answers "is the newest backup of each database recent, and was it verified?" cheaply: the listing (manifests, or
 * the repository's copies of them, never the archives' data) and the newest backup's verification record. Restore's
 * {@code pre-restore} safety backups are no backups of the database's schedule and are left out.
 */
public final class CheckBackupsService implements CheckBackupsUseCase {

    /** How far in the future a backup may be dated and still count as taken now. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);


    private final ArchiveLookup lookup;
    private final BackupRepository repository;
    private final VerificationRecords records;
    private final Clock clock;

    public CheckBackupsService(ArchiveCodec codec, BackupRepository repository, VerificationRecords records,
                               Clock clock) {
        this.lookup = new ArchiveLookup(repository, codec);
        this.repository = repository;
        this.records = records;
        this.clock = clock;
    }

    @Override
    public List<String> databases() {
        TreeSet<String> names = new TreeSet<>();
        for (BackupListing listing : lookup.listing(Optional.empty())) {
            if (!ArchiveLookup.isSafetyBackup(listing)) {
                databaseOf(listing).ifPresent(names::add);
            }
        }
        return List.copyOf(names);
    }

    @Override
    public DatabaseFreshness check(String database, Duration maxAge) {
        Optional<BackupListing> newest = lookup.listing(Optional.of(database)).stream()
                .filter(listing -> !ArchiveLookup.isSafetyBackup(listing))
                .findFirst();
        if (newest.isEmpty()) {
            return new DatabaseFreshness(database, maxAge, Optional.empty(), Optional.empty(), Optional.empty(),
                    new LastVerification.Never(), Optional.empty());
        }
        BackupListing listing = newest.get();
        Instant createdAt = ArchiveLookup.createdAt(listing);
        Duration age = Duration.between(createdAt, clock.instant());
        // a few minutes ahead is two clocks a little apart; more is a clock that was wrong, and proves nothing
        Duration kept = age.isNegative() && age.negated().compareTo(CLOCK_SKEW) <= 0 ? Duration.ZERO : age;
        LastVerification last = repository.find(listing.archive().name()).map(records::last)
                .orElse(new LastVerification.Never());
        return new DatabaseFreshness(database, maxAge, Optional.of(listing.archive()), Optional.of(createdAt),
                Optional.of(kept), last, listing.problem());
    }

    /** The database a listed archive is of: its manifest's, or for an encrypted one what its name says. */
    private static Optional<String> databaseOf(BackupListing listing) {
        return listing.manifest().map(Manifest::databaseName)
                .or(() -> BackupNaming.partsOf(listing.archive().name()).map(BackupNaming.NameParts::databaseAndLabel));
    }
}
