package dev.lifeboat.domain.service;

import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.error.OperationInterruptedException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.CheckStatus;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.spi.PartSource;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.StoredArchive;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The check of the whole archive against its sidecar, taken on a thread of its own while the parts are read (by the
 * engine in a restore, by the part checks in a verification), so that the archive is not read once for the check and
 * then again for the data. In a restore, the parts the engine gets are {@link #gate gated}: a part read to its end
 * (where the archive already checks its SHA-256) waits for this check and throws {@link VerificationFailedException}
 * when it failed, so an engine, which reads every part to its end before trusting it, never replaces anything from an
 * archive whose checksum fails. A small part an engine reads before it changes anything (a schema) need not wait:
 * the engine then waits for the check itself before it replaces anything ({@link PartSource#requireIntact}). A part
 * that fails on its own reports the checksum's failure when there is one, as the check taken first used to.
 */
final class ConcurrentArchiveChecksum implements AutoCloseable {

    /**
     * What the check found.
     *
     * @param check   the check, for the report
     * @param refusal why the restore must not go on: the archive does not match its sidecar, or the sidecar is not a
     *                file lifeboat wrote; absent when it passed or there is no sidecar (the parts are still checked
     *                against the manifest)
     */
    record Outcome(VerificationCheck check, Optional<String> refusal) {
    }

    private final FutureTask<Outcome> task;
    private final Thread thread;

    private ConcurrentArchiveChecksum(StoredArchive archive, Progress progress) {
        this.task = new FutureTask<>(() -> check(archive, progress));
        this.thread = new Thread(task, "lifeboat-archive-checksum");
        thread.setDaemon(true);
    }

    /** Starts reading the archive on a thread of its own. */
    static ConcurrentArchiveChecksum start(StoredArchive archive, Progress progress) {
        ConcurrentArchiveChecksum checksum = new ConcurrentArchiveChecksum(archive, progress);
        checksum.thread.start();
        return checksum;
    }

    private static Outcome check(StoredArchive archive, Progress progress) {
        VerificationCheck check = ArchiveChecksum.check(archive, progress);
        if (check.status() != CheckStatus.FAILED) {
            return new Outcome(check, Optional.empty());
        }
        try {
            return new Outcome(check, archive.recordedSha256().map(recorded -> check.detail()));
        } catch (VerificationFailedException e) {
            return new Outcome(check, Optional.of(e.getMessage()));
        }
    }

    /**
     * Waits for the check.
     *
     * @throws LifeboatException what stopped the archive from being read (unavailable, interrupted)
     */
    Outcome outcome() {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationInterruptedException("the restore was interrupted while checking the archive");
        } catch (CancellationException e) {
            throw new OperationInterruptedException("the archive's checksum was cancelled");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Waits for the check and refuses to go on when it failed.
     *
     * @throws VerificationFailedException when the archive does not match its sidecar
     */
    void requirePassed() {
        Optional<String> refusal = outcome().refusal();
        if (refusal.isPresent()) {
            throw new VerificationFailedException(refusal.get());
        }
    }

    /**
     * {@return the parts, each of which waits for this check at its end and fails with it, unless the engine reads it
     * before the check and waits for the check itself}
     */
    PartSource gate(PartSource parts) {
        return new PartSource() {
            @Override
            public List<PartInfo> parts() {
                return parts.parts();
            }

            @Override
            public InputStream open(String partName) {
                return new GatedPart(parts.open(partName), true);
            }

            @Override
            public InputStream openBeforeArchiveCheck(String partName) {
                return new GatedPart(parts.open(partName), false);
            }

            @Override
            public void requireIntact() {
                requirePassed();
            }
        };
    }

    /** Stops the check if it still runs: the restore ended without it. */
    @Override
    public void close() {
        task.cancel(true);
    }

    /**
     * A part that, when it fails, waits for the checksum and reports its failure first; and at its end, unless it is
     * read before the check ({@link PartSource#openBeforeArchiveCheck}), waits for the checksum and fails with it.
     */
    private final class GatedPart extends FilterInputStream {

        private final boolean waitsAtEnd;

        GatedPart(InputStream in, boolean waitsAtEnd) {
            super(in);
            this.waitsAtEnd = waitsAtEnd;
        }

        @Override
        public int read() throws IOException {
            int read;
            try {
                read = super.read();
            } catch (IOException | RuntimeException e) {
                refuseFirst(e);
                throw e;
            }
            return atEnd(read);
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int read;
            try {
                read = super.read(bytes, offset, length);
            } catch (IOException | RuntimeException e) {
                refuseFirst(e);
                throw e;
            }
            return atEnd(read);
        }

        @Override
        public long skip(long count) throws IOException {
            try {
                return super.skip(count);
            } catch (IOException | RuntimeException e) {
                refuseFirst(e);
                throw e;
            }
        }

        private int atEnd(int read) {
            if (read < 0 && waitsAtEnd) {
                requirePassed();
            }
            return read;
        }

        // the part failed: the archive's own failure, when there is one, says more (the check first used to say it)
        private void refuseFirst(Exception failure) {
            Optional<String> refusal;
            try {
                refusal = outcome().refusal();
            } catch (RuntimeException e) {
                return;
            }
            if (refusal.isPresent()) {
                throw new VerificationFailedException(refusal.get(), failure);
            }
        }
    }
}
