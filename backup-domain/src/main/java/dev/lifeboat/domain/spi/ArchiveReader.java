package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.model.Manifest;

/**
 * An archive opened for reading: its manifest, and its parts as a {@link PartSource} that verifies while streaming.
 */
public interface ArchiveReader extends PartSource, AutoCloseable {

    Manifest manifest();

    /** The manifest exactly as stored in the archive, for showing it raw. */
    String manifestDocument();

    @Override
    void close();
}
