package dev.lifeboat.domain.spi;

import java.nio.file.Path;

/**
 * Temporary files for one run, in a place with room for them. Everything created here is deleted when the space is
 * closed, and files left by a run that crashed are removed by a later run.
 */
public interface ScratchSpace extends AutoCloseable {

    /**
     * Creates a new empty file readable only by its owner. It may be called from several threads at once.
     *
     * @param purpose a word or two for the file name, so a leftover says what it was ("snapshot", "spool")
     * @return the new file
     */
    Path newFile(String purpose);

    /** Deletes everything created here. */
    @Override
    void close();
}
