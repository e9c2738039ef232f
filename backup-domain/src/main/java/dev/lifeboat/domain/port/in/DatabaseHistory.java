package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.policy.RetentionPolicy;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The backups of one database over time, for the report.
 *
 * @param database  the database, as its archives name it
 * @param backups   its backups, oldest first (restore's safety backups left out)
 * @param freshness its newest backup against its max-age
 * @param retention the retention policy that applies to it (none when the configuration gives none)
 * @param gaps      days (UTC) between its first and its newest backup on which none was taken, in ranges
 */
public record DatabaseHistory(String database, List<BackupPoint> backups, DatabaseFreshness freshness,
                              RetentionPolicy retention, List<Gap> gaps) {

    public DatabaseHistory {
        Objects.requireNonNull(database, "database");
        backups = List.copyOf(backups);
        Objects.requireNonNull(freshness, "freshness");
        Objects.requireNonNull(retention, "retention");
        gaps = List.copyOf(gaps);
    }

    /**
     * Days without a backup, from {@code first} to {@code last} inclusive.
     *
     * @param first the first day without one
     * @param last  the last day without one
     */
    public record Gap(LocalDate first, LocalDate last) {

        public Gap {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(last, "last");
            if (last.isBefore(first)) {
                throw new IllegalArgumentException("a gap ends before it starts: " + first + " to " + last);
            }
        }

        /** How many days it spans. */
        public long days() {
            return last.toEpochDay() - first.toEpochDay() + 1;
        }
    }
}
