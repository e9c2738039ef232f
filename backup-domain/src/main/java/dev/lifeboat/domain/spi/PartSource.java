package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.model.PartInfo;
import java.io.InputStream;
import java.util.List;

/**
 * The parts of an archive, for an engine to restore from. Reading a part to its end checks its size and SHA-256
 * against the manifest: a mismatch throws {@code VerificationFailedException} instead of returning end-of-stream,
 * so an engine must read each part to its end before trusting it. In a restore, a part read to its end through
 * {@link #open} also waits there for the check of the whole archive against its sidecar and fails with it, so an
 * engine that reads every part to its end before it replaces anything never replaces anything from an archive that
 * fails that check.
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

    /**
     * A small part that the engine reads before it changes anything, such as a schema it loads into a scratch
     * database: checked against the manifest at its end like {@link #open}, but without waiting there for the check of
     * the whole archive against its sidecar, which reads the whole archive and so would hold the restore back by as
     * long. An engine that reads a part this way must call {@link #requireIntact} before it replaces anything.
     *
     * @param partName the part's name, one of {@link #parts()}
     * @return the part's bytes; the caller closes the stream
     * @throws dev.lifeboat.domain.error.VerificationFailedException as {@link #open} does
     */
    default InputStream openBeforeArchiveCheck(String partName) {
        return open(partName);
    }

    /**
     * Waits for the check of the whole archive against its sidecar, when one runs beside the restore. A part read
     * through {@link #open} to its end has waited for it already; an engine that read a part through
     * {@link #openBeforeArchiveCheck} calls this before it replaces anything.
     *
     * @throws dev.lifeboat.domain.error.VerificationFailedException when the archive does not match its sidecar
     */
    default void requireIntact() {
    }
}
