package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.model.ArchiveInfo;
import dev.lifeboat.domain.model.Manifest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A backup that was written.
 *
 * @param archive      the archive
 * @param manifest     its manifest
 * @param duration     how long the whole backup took
 * @param notices      what happened on the way that the user should hear about (leftovers removed, a stale lock)
 * @param verification the deep verification, when asked for
 */
public record BackupReport(ArchiveInfo archive, Manifest manifest, Duration duration, List<String> notices,
                           Optional<VerifyReport> verification) {

    public BackupReport {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(duration, "duration");
        notices = List.copyOf(notices);
        Objects.requireNonNull(verification, "verification");
    }
}
