package dev.lifeboat.adapter.archive;

import dev.lifeboat.domain.model.Compression;
import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.model.PartRole;
import dev.lifeboat.domain.spi.NonClosingOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

/**
 * One part being written: raw bytes are counted and hashed, compressed, counted and hashed again, and spooled to a
 * scratch file, because a tar header states the member's size before its data. Closing the stream hands the spool
 * to the writer, which appends it to the archive. A part the writer places in the archive itself has no spool: its
 * bytes go straight to their place, and the writer fills in its header when it is closed. Used by one thread; parts
 * are written in parallel.
 */
final class PartOutputStream extends OutputStream {

    private final TarArchiveWriter writer;
    private final String name;
    private final PartRole role;
    private final CompressionSettings settings;
    /** Empty for a part written in place. */
    private final Optional<Path> spool;
    /** What the stored bytes of a part written in place go through on their way into the archive. */
    private final Optional<FirstFailureOutputStream> archiveFailure;
    private final long openedNanos = System.nanoTime();
    private final DigestingOutputStream raw;
    /** The compressed bytes; for no compression they are the raw bytes, hashed once. */
    private final DigestingOutputStream stored;
    private final OutputStream head;
    private boolean closed;
    private boolean failed;
    private volatile boolean abandoned;

    private PartOutputStream(TarArchiveWriter writer, String name, PartRole role, CompressionSettings settings,
                             Optional<Path> spool, OutputStream spoolFile,
                             Optional<FirstFailureOutputStream> archiveFailure) throws IOException {
        this.writer = writer;
        this.name = name;
        this.role = role;
        this.settings = settings;
        this.spool = spool;
        this.archiveFailure = archiveFailure;
        if (settings.compression() == Compression.NONE) {
            this.raw = new DigestingOutputStream(new BufferedOutputStream(spoolFile, Compressors.BUFFER_SIZE));
            this.stored = raw;
        } else {
            this.stored = new DigestingOutputStream(spoolFile);
            this.raw = new DigestingOutputStream(Compressors.compressing(settings, stored));
        }
        this.head = new BufferedOutputStream(raw, Compressors.BUFFER_SIZE);
    }

    static PartOutputStream open(TarArchiveWriter writer, String name, PartRole role, CompressionSettings settings,
                                 Path spool) {
        OutputStream spoolFile = null;
        try {
            // the scratch space made the file; never make it again (a shutdown may have removed it meanwhile)
            spoolFile = Files.newOutputStream(spool, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            return new PartOutputStream(writer, name, role, settings, Optional.of(spool), spoolFile, Optional.empty());
        } catch (IOException e) {
            closeQuietly(spoolFile);
            deleteQuietly(spool);
            throw ArchiveIoFailures.writing("part " + name + " to its spool file " + spool, e);
        }
    }

    /**
     * A part whose stored bytes go straight into the archive, where the writer has left room for its header.
     *
     * @param archive the archive's stream, positioned where the part's data goes; not closed with the part
     */
    static PartOutputStream inPlace(TarArchiveWriter writer, String name, PartRole role, CompressionSettings settings,
                                    OutputStream archive) {
        try {
            FirstFailureOutputStream sink = new FirstFailureOutputStream(new NonClosingOutputStream(archive));
            return new PartOutputStream(writer, name, role, settings, Optional.empty(), sink, Optional.of(sink));
        } catch (IOException e) {
            throw ArchiveIoFailures.writing("part " + name + " into the archive", e);
        }
    }

    String name() {
        return name;
    }

    /** The spool file, empty for a part written in place. */
    Optional<Path> spool() {
        return spool;
    }

    @Override
    public void write(int b) throws IOException {
        guarded(() -> head.write(b));
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        guarded(() -> head.write(b, off, len));
    }

    private interface Write {
        void run() throws IOException;
    }

    /** A write that fails marks the part failed, so closing it cannot add half a part to the archive. */
    private void guarded(Write write) throws IOException {
        requireWritable();
        try {
            write.run();
        } catch (IOException e) {
            failed = true;
            throw ArchiveIoFailures.writing(description(), e);
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public void flush() throws IOException {
        // compressors would end a block early on every flush; the data reaches the archive when the part is closed
        requireWritable();
    }

    /**
     * Completes the part. A part whose writing failed, or whose archive was abandoned, is discarded instead: closing
     * it in a try-with-resources after a failed write must not put half a part in the archive.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (failed || abandoned) {
            discard();
            writer.forget(this);
            return;
        }
        try {
            head.close();
        } catch (IOException | RuntimeException e) {
            discard();
            writer.forget(this);
            // a part written in place reports the archive's own failure (a full disk) before what followed from it
            throw archiveFailure.flatMap(FirstFailureOutputStream::failure).orElseGet(() -> e instanceof IOException io
                    ? ArchiveIoFailures.writing(description(), io) : (RuntimeException) e);
        }
        Duration duration = Duration.ofMillis((System.nanoTime() - openedNanos) / 1_000_000);
        String rawSha256 = raw.sha256();
        String storedSha256 = stored == raw ? rawSha256 : stored.sha256();
        PartInfo info = new PartInfo(name, role, settings.compression(), stored.count(), raw.count(), storedSha256,
                rawSha256, duration);
        writer.append(this, info);
    }

    /** The archive is given up: the spool goes now, and the part will not be appended when its stream is closed. */
    void abandon() {
        abandoned = true;
        spool.ifPresent(PartOutputStream::deleteQuietly);
    }

    private void requireWritable() throws IOException {
        if (closed) {
            throw new IOException("part " + name + " is already closed");
        }
        if (abandoned) {
            throw new IOException("part " + name + " cannot be written: its archive was abandoned after a failure");
        }
    }

    private void discard() {
        closeQuietly(head);
        spool.ifPresent(PartOutputStream::deleteQuietly);
    }

    private String description() {
        return spool.map(file -> "part " + name + " to its spool file " + file)
                .orElse("part " + name + " into the archive");
    }

    private static void closeQuietly(OutputStream stream) {
        if (stream == null) {
            return;
        }
        try {
            stream.close();
        } catch (IOException | RuntimeException e) {
            // the part is being thrown away after another failure, which is the one worth reporting
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a spool left behind is removed with the rest of the scratch space when it is closed
        }
    }
}
