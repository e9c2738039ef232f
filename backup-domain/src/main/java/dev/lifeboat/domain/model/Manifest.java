package dev.lifeboat.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything an archive records about itself: where the backup came from, what it holds, and the hashes and
 * fingerprint that prove it is intact and that a restore is faithful.
 *
 * @param formatVersion the archive format version
 * @param toolVersion   the lifeboat version that wrote it
 * @param createdAt     when the backup was taken, UTC
 * @param engineId      the engine that wrote it, which is the engine that restores it
 * @param engineVersion the database library or server version at backup time
 * @param source        the database it came from
 * @param label         the user's label, if any
 * @param fingerprint   the logical fingerprint of the backed-up data
 * @param options       the settings the backup was taken with (compression, level, engine options)
 * @param parts         the parts, in archive order
 * @param warnings      what the user was warned about when the backup was taken
 * @param duration      how long the backup took, from the engine starting to read the database until the manifest
 *                      was written (every part compressed and stored); empty in archives written before lifeboat
 *                      recorded it
 */
public record Manifest(int formatVersion, String toolVersion, Instant createdAt, String engineId, String engineVersion,
                       SourceInfo source, Optional<String> label, Fingerprint fingerprint,
                       SortedMap<String, String> options, List<PartInfo> parts, List<String> warnings,
                       Optional<Duration> duration) {

    public Manifest {
        Objects.requireNonNull(toolVersion, "toolVersion");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(engineId, "engineId");
        Objects.requireNonNull(engineVersion, "engineVersion");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(fingerprint, "fingerprint");
        options = Collections.unmodifiableSortedMap(new TreeMap<>(options));
        parts = List.copyOf(parts);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(duration, "duration");
        duration.filter(Duration::isNegative).ifPresent(negative -> {
            throw new IllegalArgumentException("a negative duration: " + negative);
        });
    }

    /** A manifest that does not say how long the backup took. */
    public Manifest(int formatVersion, String toolVersion, Instant createdAt, String engineId, String engineVersion,
                    SourceInfo source, Optional<String> label, Fingerprint fingerprint,
                    SortedMap<String, String> options, List<PartInfo> parts, List<String> warnings) {
        this(formatVersion, toolVersion, createdAt, engineId, engineVersion, source, label, fingerprint, options, parts,
                warnings, Optional.empty());
    }

    public Optional<PartInfo> part(String name) {
        return parts.stream().filter(part -> part.name().equals(name)).findFirst();
    }

    /** Sum of the parts' raw sizes: what the data takes once decompressed. */
    public long rawSize() {
        return parts.stream().mapToLong(PartInfo::rawSize).sum();
    }

    /** Sum of the parts' stored sizes. */
    public long storedSize() {
        return parts.stream().mapToLong(PartInfo::storedSize).sum();
    }

    public String databaseName() {
        return source.databaseName();
    }
}
