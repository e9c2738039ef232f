package dev.lifeboat.domain.service;

import dev.lifeboat.domain.error.OperationInterruptedException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.spi.Sha256;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.ProgressUnit;
import dev.lifeboat.domain.spi.StoredArchive;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.security.MessageDigest;
import java.util.Optional;

/** Checks a whole archive against the SHA-256 recorded in its sidecar when it was written. */
final class ArchiveChecksum {

    static final String CHECK_NAME = "archive checksum";

    private ArchiveChecksum() {
    }

    static VerificationCheck check(StoredArchive archive, Progress progress) {
        Optional<String> recorded;
        try {
            recorded = archive.recordedSha256();
        } catch (dev.lifeboat.domain.error.VerificationFailedException e) {
            return VerificationCheck.failed(CHECK_NAME, e.getMessage());
        }
        if (recorded.isEmpty()) {
            return VerificationCheck.failed(CHECK_NAME, "the sidecar " + archive.info().name().sidecarName()
                    + " is missing, so the archive as a whole cannot be checked");
        }
        String actual = sha256(archive, progress);
        if (!actual.equals(recorded.get())) {
            return VerificationCheck.failed(CHECK_NAME, "SHA-256 of " + archive.info().name() + " is " + actual
                    + " but its sidecar records " + recorded.get() + ": the archive was changed or damaged");
        }
        return VerificationCheck.passed(CHECK_NAME, "SHA-256 matches the sidecar (" + actual + ")");
    }

    private static String sha256(StoredArchive archive, Progress progress) {
        return stream(archive, OutputStream.nullOutputStream(), "checking", progress);
    }

    /**
     * Reads the whole archive once, passing its bytes on to {@code sink}, and returns the SHA-256 of what was read.
     *
     * @param doing what the progress line says is happening ("checking", "copying")
     * @throws UnavailableException when the archive cannot be read or the sink refuses a write
     */
    static String stream(StoredArchive archive, OutputStream sink, String doing, Progress progress) {
        MessageDigest digest = Sha256.newDigest();
        byte[] bytes = new byte[1 << 20];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long done = 0;
        try (SeekableByteChannel channel = archive.open();
             Progress.Task task = progress.start(doing + " " + archive.info().name(), archive.info().sizeBytes(),
                     ProgressUnit.BYTES)) {
            for (int read = channel.read(buffer); read >= 0; read = channel.read(buffer)) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new OperationInterruptedException(doing + " " + archive.info().name() + " was interrupted");
                }
                digest.update(bytes, 0, read);
                sink.write(bytes, 0, read);
                done += read;
                task.update(done);
                buffer.clear();
            }
        } catch (IOException e) {
            throw new UnavailableException(doing + " " + archive.info().location() + " failed: " + e.getMessage(), e);
        }
        return Sha256.hex(digest.digest());
    }
}
