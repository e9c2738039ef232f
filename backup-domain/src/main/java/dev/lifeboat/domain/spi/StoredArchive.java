package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.model.ArchiveInfo;
import java.nio.channels.SeekableByteChannel;
import java.util.Optional;

/** An archive in a repository. */
public interface StoredArchive {

    /**
     * What the repository knows of the archive without opening it: its name, size and time.
     *
     * @return the archive's information
     */
    ArchiveInfo info();

    /**
     * The archive's bytes, read-only, with random access. The caller closes the channel.
     *
     * @return a new channel positioned at the start
     */
    SeekableByteChannel open();

    /**
     * The SHA-256 recorded beside the archive when it was written (the {@code .sha256} sidecar), empty when there
     * is none.
     *
     * @return the recorded SHA-256 in lower-case hex, empty without a sidecar
     * @throws dev.lifeboat.domain.error.VerificationFailedException when the sidecar is there but unreadable
     */
    Optional<String> recordedSha256();

    /**
     * The copy of the manifest the repository keeps beside the archive for listing, when it keeps one (see
     * {@link NewArchive#commit(String)}). It is read cheaply, without opening the archive; nothing but the listing
     * trusts it: inspect, verify and restore read the manifest inside the archive.
     *
     * @return the manifest's document, empty when the repository keeps none
     */
    Optional<String> manifestCopy();

    /**
     * The record of the archive's last verification as stored beside it ({@link BackupRepository#recordVerification}),
     * empty when there is none. Read cheaply, without opening the archive; its format checks it.
     *
     * @return the record's document, empty when the archive was never verified
     * @throws dev.lifeboat.domain.error.UnavailableException when it is there but cannot be read
     */
    Optional<String> verificationRecord();
}
