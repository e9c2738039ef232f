package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.model.PartInfo;
import java.io.InputStream;
import java.util.List;

/**
 * The parts of an archive, for an engine to restore from. Reading a part to its end checks its size and SHA-256
 * against the manifest: a mismatch throws {@code VerificationFailedException} instead of returning end-of-stream,
 * so an engine must read each part to its end before trusting it.
 */
public interface PartSource {

    /**
     * The parts, in archive order.
     *
     * @return the parts, as the manifest lists them
     */
    List<PartInfo> parts();

    /**
     * The raw (decompressed) bytes of a part. Thread-safe: parts may be read in parallel.
     *
     * @param partName the part's name, one of {@link #parts()}
     * @return the part's bytes; the caller closes the stream
     * @throws dev.lifeboat.domain.error.VerificationFailedException when the archive has no such part, or (while
     *                                                                reading) when its bytes do not match
     */
    InputStream open(String partName);
}
