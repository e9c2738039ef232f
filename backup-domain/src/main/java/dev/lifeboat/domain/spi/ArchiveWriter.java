package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.PartInfo;
import java.util.List;

/**
 * An archive being written: a {@link PartSink} for the engine, then {@link #finish} with the manifest.
 */
public interface ArchiveWriter extends PartSink, AutoCloseable {

    /**
     * The parts completed so far, in archive order, with their sizes and hashes.
     *
     * @return the completed parts
     */
    List<PartInfo> completedParts();

    /**
     * Writes the manifest as the last member and ends the archive. The manifest's parts must be exactly the
     * completed parts.
     *
     * @param manifest the archive's manifest
     * @return the manifest exactly as written into the archive
     */
    String finish(Manifest manifest);

    /** Releases temporary files. Does not close the stream the archive was written to. */
    @Override
    void close();
}
