package dev.lifeboat.domain.spi;

import java.util.List;

/**
 * An engine's optional capability to write an archive's database as a plain SQL script that the database's own
 * client loads into an empty database ({@code sqlite3 NEW.db < FILE}, {@code psql -f FILE}), as the scripts
 * lifeboat replaces did with {@code .sql.gz} files. An engine offers it through {@link DatabaseEngine#sqlExport()}.
 */
public interface SqlExport {

    /**
     * Writes the script to the job's stream, reading the archive's parts as a stream: never a whole table in memory.
     * Every part read is read to its end, so a damaged archive fails the export rather than giving a short script.
     *
     * @param job the archive, what to export and where the script goes
     * @return what the user must know about the script (what it leaves out, and why); empty when nothing
     * @throws dev.lifeboat.domain.error.InvalidUsageException when a table named in the job is not in the archive
     * @throws dev.lifeboat.domain.error.IncompatibleException when the archive holds something no plain script can
     *         reproduce
     */
    List<String> export(SqlExportJob job);
}
