package dev.lifeboat.domain.service;

import dev.lifeboat.domain.error.InsufficientSpaceException;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.CheckStatus;
import dev.lifeboat.domain.model.IdentityFile;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.ArchiveEncryption;
import dev.lifeboat.domain.spi.ArchiveReader;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RepositoryLock;
import dev.lifeboat.domain.spi.ScratchSpace;
import dev.lifeboat.domain.spi.StoredArchive;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens encrypted archives: the whole stored stream is decrypted into the repository's scratch space (a file readable
 * by its owner alone), and the codec, which needs random access, reads that copy only once the whole stream
 * authenticated (age finds a truncation only at its end). The copy is deleted when the reader closes, when anything
 * fails, and on Ctrl-C (the scratch space's own cleanup); a copy a crash left is removed by the next run that
 * decrypts, or writes, in the repository.
 */
final class ArchiveDecryption {

    private final BackupRepository repository;
    private final ArchiveCodec codec;
    private final ArchiveKeys keys;
    private final List<String> removedLeftovers = new ArrayList<>();

    ArchiveDecryption(BackupRepository repository, ArchiveCodec codec, ArchiveKeys keys) {
        this.repository = repository;
        this.codec = codec;
        this.keys = keys;
    }

    /**
     * @throws InvalidUsageException        when no identity was given, or this build has no encryption adapter
     * @throws UnavailableException         when the identity matches none of the archive's recipients
     * @throws VerificationFailedException when the archive is damaged
     */
    ArchiveReader open(StoredArchive archive) {
        IdentityFile identity = requireIdentity(archive);
        ArchiveEncryption encryption = keys.requireEncryption(archive.info().name() + " is encrypted");
        removeLeftoversBeforeDecrypting(archive);
        ScratchSpace scratch = repository.openScratch();
        try {
            Path plaintext = scratch.newFile("decrypted");
            decrypt(archive, encryption, identity, plaintext);
            return new DecryptedArchiveReader(codec.open(FileChannel.open(plaintext, StandardOpenOption.READ),
                    archive.info().name().value()), scratch);
        } catch (IOException e) {
            UnavailableException failure = new UnavailableException("cannot read the decrypted copy of "
                    + archive.info().name() + ": " + e.getMessage(), e);
            closeAfterFailure(scratch, failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            closeAfterFailure(scratch, e);
            throw e;
        }
    }

    /**
     * @throws InvalidUsageException when the user gave none
     */
    IdentityFile requireIdentity(StoredArchive archive) {
        return keys.identity().orElseThrow(() -> new InvalidUsageException(archive.info().name() + " is encrypted: "
                + "give the identity file that decrypts it with --identity FILE or LIFEBOAT_IDENTITY_FILE"));
    }

    synchronized List<String> takeRemovedLeftovers() {
        List<String> removed = List.copyOf(removedLeftovers);
        removedLeftovers.clear();
        return removed;
    }

    /**
     * A run killed while decrypting leaves its plaintext copy in the scratch space; it is removed before another is
     * made, as a backup removes a killed backup's files. That needs the repository's lock, for a moment: when another
     * run holds it, that run removes them; when this host may not write the repository (read-only credentials for a
     * bucket, a read-only mount), a run of a host that may removes them.
     */
    private void removeLeftoversBeforeDecrypting(StoredArchive archive) {
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "decrypting " + archive.info().name())) {
            List<String> removed = repository.removeLeftovers();
            synchronized (this) {
                removed.forEach(name -> removedLeftovers.add("removed " + name + ", left by an interrupted run"));
            }
        } catch (LockedException e) {
            // another run holds the repository and removes them itself
        } catch (UnavailableException e) {
            // this host may only read the repository: reading and decrypting need no more than that
        }
    }

    private static void closeAfterFailure(ScratchSpace scratch, Throwable failure) {
        try {
            scratch.close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Decrypts the whole archive into {@code plaintext}. An identity that matches no recipient and a header damaged
     * past recognition look alike to the decryption; the sidecar tells them apart: stored bytes that still hash to
     * it mean the archive is whole and the key is the wrong one.
     */
    private static void decrypt(StoredArchive archive, ArchiveEncryption encryption, IdentityFile identity,
                                Path plaintext) {
        String name = archive.info().name().value();
        try (SeekableByteChannel channel = archive.open();
             InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
             OutputStream out = Files.newOutputStream(plaintext, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            encryption.decrypt(in, identity, out, name);
        } catch (IOException e) {
            if (InsufficientSpaceException.indicatesFullDisk(e)) {
                throw InsufficientSpaceException.whileWriting("cannot decrypt " + name + " into "
                        + plaintext.getParent() + ": the disk is full", e);
            }
            throw new UnavailableException("cannot decrypt " + name + " into " + plaintext.getParent() + ": "
                    + e.getMessage(), e);
        } catch (UnavailableException e) {
            VerificationCheck checksum = ArchiveChecksum.check(archive, Progress.NONE);
            if (checksum.status() == CheckStatus.FAILED && archive.recordedSha256().isPresent()) {
                throw new VerificationFailedException(name + " is damaged: " + checksum.detail(), e);
            }
            throw e;
        }
    }

    /** A reader of a decrypted copy, which deletes the copy when closed. */
    private static final class DecryptedArchiveReader implements ArchiveReader {

        private final ArchiveReader reader;
        private final ScratchSpace scratch;

        DecryptedArchiveReader(ArchiveReader reader, ScratchSpace scratch) {
            this.reader = reader;
            this.scratch = scratch;
        }

        @Override
        public Manifest manifest() {
            return reader.manifest();
        }

        @Override
        public String manifestDocument() {
            return reader.manifestDocument();
        }

        @Override
        public List<PartInfo> parts() {
            return reader.parts();
        }

        @Override
        public InputStream open(String partName) {
            return reader.open(partName);
        }

        @Override
        public void close() {
            try {
                reader.close();
            } finally {
                scratch.close();
            }
        }
    }
}
