package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.model.ArchiveInfo;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.VerificationCheck;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A restore that completed.
 *
 * @param archive      the archive restored
 * @param manifest     its manifest
 * @param target       where the data now is
 * @param safetyBackup the backup taken of the target's previous contents, when it had any
 * @param checks       the checks the restored data passed before it replaced anything
 * @param warnings     what the user should know
 * @param duration     how long it took
 */
public record RestoreReport(ArchiveInfo archive, Manifest manifest, String target, Optional<BackupReport> safetyBackup,
                            List<VerificationCheck> checks, List<String> warnings, Duration duration) {

    public RestoreReport {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(safetyBackup, "safetyBackup");
        checks = List.copyOf(checks);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(duration, "duration");
    }
}
