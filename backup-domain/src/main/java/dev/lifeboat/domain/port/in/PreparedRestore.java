package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.spi.Progress;

/**
 * A restore whose archive was found and opened once (an encrypted one decrypted once), to be planned, confirmed and
 * run on that same archive. Closing it releases the archive (and deletes a decrypted copy).
 */
public interface PreparedRestore extends AutoCloseable {

    /** What the restore would do; changes nothing. */
    RestorePlan plan();

    RestoreReport restore(Progress progress);

    @Override
    void close();
}
