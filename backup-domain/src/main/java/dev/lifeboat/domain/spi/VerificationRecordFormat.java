package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.VerificationRecord;

/**
 * How a {@link VerificationRecord} is written as a small document beside its archive, and read back. The document
 * carries its own checksum, so a damaged record is told from a sound one. Found with {@link java.util.ServiceLoader}.
 */
public interface VerificationRecordFormat {

    /**
     * The record as a document, checksum included.
     *
     * @param record the record
     * @return the document
     */
    String encode(VerificationRecord record);

    /**
     * Reads a record back.
     *
     * @param document as stored
     * @param archive  the archive it is kept beside
     * @return the record
     * @throws dev.lifeboat.domain.error.VerificationFailedException when it is damaged, not a record, or about
     *                                                                another archive
     * @throws dev.lifeboat.domain.error.IncompatibleException       when a newer lifeboat wrote it
     */
    VerificationRecord decode(String document, BackupName archive);
}
