package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.model.DatabaseDescription;
import dev.lifeboat.domain.model.Fingerprint;
import java.util.List;
import java.util.Objects;

/**
 * What an engine reports after writing a backup's parts.
 *
 * @param description the database as it was in the backed-up snapshot
 * @param fingerprint the fingerprint of exactly the data written
 * @param warnings    things the user must know, recorded in the manifest
 */
public record EngineBackup(DatabaseDescription description, Fingerprint fingerprint, List<String> warnings) {

    /**
     * Checks that nothing is missing; the warnings are copied.
     *
     * @param description the database as it was in the backed-up snapshot
     * @param fingerprint the fingerprint of exactly the data written
     * @param warnings    things the user must know, recorded in the manifest
     */
    public EngineBackup {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(fingerprint, "fingerprint");
        warnings = List.copyOf(warnings);
    }
}
