package dev.lifeboat.domain.port.out;

import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Manifest;
import java.util.Map;
import java.util.Objects;

/**
 * What an engine needs to restore an archive.
 *
 * @param manifest        the archive's manifest, with the fingerprint the result must match
 * @param parts           the archive's parts
 * @param target          where to restore
 * @param replaceExisting whether an occupied target may be replaced (the user said --overwrite)
 * @param options         engine options given by the user
 * @param progress        where to report progress
 */
public record RestoreJob(Manifest manifest, PartSource parts, DatabaseLocation target, boolean replaceExisting,
                         Map<String, String> options, Progress progress) {

    public RestoreJob {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(parts, "parts");
        Objects.requireNonNull(target, "target");
        options = Map.copyOf(options);
        Objects.requireNonNull(progress, "progress");
    }
}
