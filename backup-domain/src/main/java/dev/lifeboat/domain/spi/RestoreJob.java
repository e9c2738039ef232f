package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.Manifest;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an engine needs to restore an archive.
 *
 * @param manifest        the archive's manifest, with the fingerprint the result must match
 * @param parts           the archive's parts
 * @param target          where to restore
 * @param replaceExisting whether an occupied target may be replaced (the user said --overwrite)
 * @param targetAsSaved   when the target's data was backed up before this restore: the fingerprint of what was
 *                        saved. The engine replaces the target only if it still has exactly that fingerprint,
 *                        checked while no one else can write to it, so nothing written after the safety backup is
 *                        lost; otherwise it refuses with {@code LockedException} and changes nothing
 * @param options         engine options given by the user
 * @param progress        where to report progress
 */
public record RestoreJob(Manifest manifest, PartSource parts, DatabaseLocation target, boolean replaceExisting,
                         Optional<Fingerprint> targetAsSaved, Map<String, String> options, Progress progress) {

    /**
     * Checks that nothing is missing; the options are copied.
     *
     * @param manifest        the archive's manifest, with the fingerprint the result must match
     * @param parts           the archive's parts
     * @param target          where to restore
     * @param replaceExisting whether an occupied target may be replaced (the user said --overwrite)
     * @param targetAsSaved   when the target's data was backed up before this restore: the fingerprint of what was
     *                        saved. The engine replaces the target only if it still has exactly that fingerprint,
     *                        checked while no one else can write to it, so nothing written after the safety backup is
     *                        lost; otherwise it refuses with {@code LockedException} and changes nothing
     * @param options         engine options given by the user
     * @param progress        where to report progress
     */
    public RestoreJob {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(parts, "parts");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(targetAsSaved, "targetAsSaved");
        options = Map.copyOf(options);
        Objects.requireNonNull(progress, "progress");
    }
}
