package dev.lifeboat.domain.port.in;

import java.util.Map;
import java.util.Objects;

/**
 * A request to verify a backup.
 *
 * @param backup        which backup
 * @param deep          whether to restore it into a scratch place and compare integrity and fingerprint
 * @param engineOptions engine options (where a server-based engine restores its scratch copy)
 */
public record VerifyBackupCommand(BackupReference backup, boolean deep, Map<String, String> engineOptions) {

    public VerifyBackupCommand {
        Objects.requireNonNull(backup, "backup");
        engineOptions = Map.copyOf(engineOptions);
    }
}
