package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.model.Manifest;
import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an engine needs to write an archive's database as a plain SQL script.
 *
 * @param manifest   the archive's manifest
 * @param parts      the archive's parts
 * @param scratch    room for a file-based engine's scratch copy, deleted when the export ends
 * @param content    schema, data or both
 * @param tables     the tables to export, as the user named them; empty for every table
 * @param options    the engine's options for {@link EngineCommand#EXPORT}, checked against its declarations
 * @param out        where the script goes: an opaque stream of bytes, never closed by the engine
 * @param progress   where to report progress
 */
public record SqlExportJob(Manifest manifest, PartSource parts, ScratchSpace scratch, SqlExportContent content,
                           Set<String> tables, Map<String, String> options, OutputStream out,
                           Progress progress) {

    /**
     * Checks that nothing is missing; the tables are copied.
     *
     * @param manifest   the archive's manifest
     * @param parts      the archive's parts
     * @param scratch    room for a file-based engine's scratch copy, deleted when the export ends
     * @param content    schema, data or both
     * @param tables     the tables to export, as the user named them; empty for every table
     * @param options    the engine's options for {@link EngineCommand#EXPORT}, checked against its declarations
     * @param out        where the script goes: an opaque stream of bytes, never closed by the engine
     * @param progress   where to report progress
     */
    public SqlExportJob {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(parts, "parts");
        Objects.requireNonNull(scratch, "scratch");
        Objects.requireNonNull(content, "content");
        tables = Set.copyOf(tables);
        options = Map.copyOf(options);
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(progress, "progress");
    }
}
