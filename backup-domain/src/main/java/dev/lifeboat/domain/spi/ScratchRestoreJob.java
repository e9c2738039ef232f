package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.model.Manifest;
import java.util.Map;
import java.util.Objects;

/**
 * What an engine needs to restore an archive into a scratch place and check it (deep verification).
 *
 * @param manifest the archive's manifest
 * @param parts    the archive's parts
 * @param scratch  room for a file-based engine's scratch copy
 * @param options  engine options given by the user (a server-based engine finds its scratch server here)
 * @param progress where to report progress
 */
public record ScratchRestoreJob(Manifest manifest, PartSource parts, ScratchSpace scratch, Map<String, String> options,
                                Progress progress) {

    /**
     * Checks that nothing is missing; the options are copied.
     *
     * @param manifest the archive's manifest
     * @param parts    the archive's parts
     * @param scratch  room for a file-based engine's scratch copy
     * @param options  engine options given by the user (a server-based engine finds its scratch server here)
     * @param progress where to report progress
     */
    public ScratchRestoreJob {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(parts, "parts");
        Objects.requireNonNull(scratch, "scratch");
        options = Map.copyOf(options);
        Objects.requireNonNull(progress, "progress");
    }
}
