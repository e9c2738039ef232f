package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.model.PartRole;
import java.io.OutputStream;

/**
 * Where an engine writes the parts of a backup. The engine writes raw bytes; compressing, hashing and placing them
 * in the archive is the sink's business. {@link #open} is thread-safe, so a parallel engine may write several parts
 * at once.
 */
public interface PartSink {

    /**
     * Starts a part. Closing the returned stream completes the part; a part whose stream was not closed is not in
     * the archive.
     *
     * @param name a relative path of plain characters, unique within the backup (see {@code PartNames})
     * @param role what the part holds
     * @return the stream for the part's raw bytes
     */
    OutputStream open(String name, PartRole role);
}
