package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.model.ArchiveInfo;
import java.util.List;
import java.util.Objects;

/**
 * What an export wrote.
 *
 * @param archive  the archive exported
 * @param engineId the engine whose script it is
 * @param warnings what the user must know about the script (what it leaves out)
 */
public record ExportReport(ArchiveInfo archive, String engineId, List<String> warnings) {

    public ExportReport {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(engineId, "engineId");
        warnings = List.copyOf(warnings);
    }
}
