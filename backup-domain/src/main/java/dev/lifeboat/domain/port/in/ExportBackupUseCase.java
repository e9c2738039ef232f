package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.spi.Progress;
import java.io.OutputStream;

/** Writes a backup as a plain SQL script that the database's own client loads, with no lifeboat needed. */
public interface ExportBackupUseCase {

    /**
     * Streams the script to {@code out}, which is flushed but not closed. On failure, part of a script may have been
     * written: a caller writing to a file removes it.
     *
     * @throws dev.lifeboat.domain.error.IncompatibleException when the archive's engine cannot write SQL scripts
     */
    ExportReport export(ExportBackupCommand command, OutputStream out, Progress progress);
}
