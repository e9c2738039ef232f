package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.model.Manifest;

/**
 * An archive opened for reading: its manifest, and its parts as a {@link PartSource} that verifies while streaming.
 */
public interface ArchiveReader extends PartSource, AutoCloseable {

    /**
     * The archive's manifest, checked when the archive was opened.
     *
     * @return the manifest
     */
    Manifest manifest();

    /**
     * The manifest exactly as stored in the archive, for showing it raw.
     *
     * @return the manifest's document
     */
    String manifestDocument();

    /** Closes the archive's channel. */
    @Override
    void close();
}
