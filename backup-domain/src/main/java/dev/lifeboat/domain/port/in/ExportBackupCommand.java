package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.spi.SqlExportContent;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A request to write a backup as a plain SQL script.
 *
 * @param backup     which backup
 * @param content    schema, data or both
 * @param tables     the tables to export; empty for all
 * @param engineOptions engine options (checked against the archive's engine)
 */
public record ExportBackupCommand(BackupReference backup, SqlExportContent content, Set<String> tables,
                                  Map<String, String> engineOptions) {

    public ExportBackupCommand {
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(content, "content");
        tables = Set.copyOf(tables);
        engineOptions = Map.copyOf(engineOptions);
        if (tables.stream().anyMatch(String::isBlank)) {
            throw new InvalidUsageException("--table needs a table name");
        }
    }
}
