package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.model.DatabaseLocation;
import java.util.Map;
import java.util.Objects;

/**
 * What an engine needs to take a backup.
 *
 * @param source   the database
 * @param options  engine options given by the user (empty for none)
 * @param sink     where the parts go
 * @param scratch  room for temporary files, on the repository's file system
 * @param progress where to report progress
 */
public record BackupJob(DatabaseLocation source, Map<String, String> options, PartSink sink, ScratchSpace scratch,
                        Progress progress) {

    /**
     * Checks that nothing is missing; the options are copied.
     *
     * @param source   the database
     * @param options  engine options given by the user (empty for none)
     * @param sink     where the parts go
     * @param scratch  room for temporary files, on the repository's file system
     * @param progress where to report progress
     */
    public BackupJob {
        Objects.requireNonNull(source, "source");
        options = Map.copyOf(options);
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(scratch, "scratch");
        Objects.requireNonNull(progress, "progress");
    }
}
