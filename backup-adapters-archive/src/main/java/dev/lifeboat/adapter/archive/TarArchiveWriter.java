package dev.lifeboat.adapter.archive;

import static dev.lifeboat.adapter.archive.TarMembers.RECORD_SIZE;

import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.model.PartNames;
import dev.lifeboat.domain.model.PartRole;
import dev.lifeboat.domain.spi.ArchiveWriter;
import dev.lifeboat.domain.spi.NonClosingOutputStream;
import dev.lifeboat.domain.spi.RewritableOutput;
import dev.lifeboat.domain.spi.ScratchSpace;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes archive format v2. Parts are compressed into spool files in parallel, each by the thread that writes it,
 * and appended to the tar one at a time as they complete; the manifest comes last.
 *
 * <p>When the archive's output can write bytes again in place ({@link RewritableOutput}: a local file), one part at a
 * time is written straight into the archive instead, after a record left for its header, which is filled in when
 * the part is complete and its size known; parts completed meanwhile wait in their spools and follow it. That part's
 * bytes are written once instead of three times (spool, read back, archive), which was the whole tail of a backup
 * of one large part. A header that needs more than one record (a pax header for a long name or a size of 8 GiB or
 * more) moves the part's data along to make room.
 */
final class TarArchiveWriter implements ArchiveWriter {

    private enum State { OPEN, FINISHED, BROKEN, CLOSED }

    /** The tar library writes 512-byte records; the archive stream gets them in large blocks. */
    private static final int ARCHIVE_BUFFER_SIZE = 1 << 20;

    private final CompressionSettings compression;
    private final ScratchSpace scratch;
    private final BufferedOutputStream archive;
    private final TarArchiveOutputStream tar;
    private final byte[] copyBuffer = new byte[ARCHIVE_BUFFER_SIZE];
    private final Set<String> names = new HashSet<>();
    private final Set<PartOutputStream> openParts = new LinkedHashSet<>();
    private final List<PartInfo> completed = new ArrayList<>();
    /** Present when the archive's bytes can be written again in place. */
    private final Optional<RewritableOutput> rewritable;
    /** The part being written in place, if any. */
    private Optional<InPlace> inPlace = Optional.empty();
    /** Spooled parts completed while a part was being written in place, in the order they completed. */
    private final List<Completed> waiting = new ArrayList<>();
    private State state = State.OPEN;
    private String brokenBy = "";

    TarArchiveWriter(OutputStream archive, CompressionSettings compression, ScratchSpace scratch) {
        this.compression = compression;
        this.scratch = scratch;
        this.rewritable = archive instanceof RewritableOutput output ? Optional.of(output) : Optional.empty();
        this.archive = new BufferedOutputStream(new NonClosingOutputStream(archive), ARCHIVE_BUFFER_SIZE);
        this.tar = TarMembers.newTar(this.archive);
    }

    @Override
    public OutputStream open(String name, PartRole role) {
        Objects.requireNonNull(role, "role");
        if (!PartNames.isSafe(name)) {
            throw new IllegalArgumentException("unsafe part name: " + name);
        }
        if (TarMembers.MANIFEST.equals(name)
                || TarMembers.MANIFEST.equals(name + compression.compression().extension())) {
            throw new IllegalArgumentException("part name " + name + " is reserved for the manifest");
        }
        synchronized (this) {
            requireOpen();
            if (names.contains(name)) {
                throw new IllegalArgumentException("part " + name + " is opened twice");
            }
            PartOutputStream part = inPlace.isEmpty() && rewritable.isPresent() ? openInPlace(name, role)
                    : PartOutputStream.open(this, name, role, compression, scratch.newFile("spool"));
            names.add(name);
            openParts.add(part);
            return part;
        }
    }

    /** A part written in place: where its header goes. */
    private record InPlace(PartOutputStream part, long headerAt) {
    }

    /** A spooled part that completed while another was written in place. */
    private record Completed(PartOutputStream part, PartInfo info) {
    }

    // leaves a record for the header and hands the part the archive's stream; called holding the lock
    private PartOutputStream openInPlace(String name, PartRole role) {
        long headerAt;
        try {
            archive.flush();
            rewritable.orElseThrow().startRewriting();
            headerAt = rewritable.orElseThrow().end();
            archive.write(new byte[RECORD_SIZE]);
        } catch (IOException e) {
            throw broken("the header of part " + name, e);
        }
        PartOutputStream part = PartOutputStream.inPlace(this, name, role, compression, archive);
        inPlace = Optional.of(new InPlace(part, headerAt));
        return part;
    }

    /** Appends a completed part to the archive; called by the part's stream when it is closed. */
    void append(PartOutputStream part, PartInfo info) {
        boolean appended = false;
        try {
            synchronized (this) {
                openParts.remove(part);
                if (state == State.CLOSED) {
                    // the archive is being thrown away after a failure; a worker finishing late changes nothing
                    return;
                }
                if (state == State.FINISHED) {
                    throw new IllegalStateException("part " + info.name() + " was completed after the archive was "
                            + "finished, so it is not in the archive");
                }
                requireOpen();
                if (inPlace.isPresent() && inPlace.get().part() == part) {
                    completeInPlace(inPlace.get(), info);
                    appendWaiting();
                } else if (inPlace.isPresent()) {
                    waiting.add(new Completed(part, info));
                } else {
                    appendSpooled(part, info);
                }
                appended = true;
            }
        } finally {
            if (!appended) {
                part.spool().ifPresent(PartOutputStream::deleteQuietly);
            }
        }
    }

    // fills in the header of the part written in place, moving its data along when the header needs more room
    private void completeInPlace(InPlace placed, PartInfo info) {
        inPlace = Optional.empty();
        RewritableOutput output = rewritable.orElseThrow();
        try {
            archive.flush();
            long dataAt = placed.headerAt() + RECORD_SIZE;
            long size = output.end() - dataAt;
            if (size != info.storedSize()) {
                throw new IllegalStateException("part " + info.name() + " put " + size + " bytes into the archive, "
                        + "but " + info.storedSize() + " were written");
            }
            byte[] header = TarMembers.headers(info.memberName(), size, Instant.now());
            if (header.length > RECORD_SIZE) {
                output.moveTail(dataAt, header.length - RECORD_SIZE);
            }
            output.writeAt(placed.headerAt(), header);
            archive.write(new byte[Math.toIntExact(TarMembers.padded(size) - size)]);
        } catch (IOException e) {
            throw broken("part " + info.name(), e);
        }
        completed.add(info);
    }

    private void appendWaiting() {
        List<Completed> parts = List.copyOf(waiting);
        waiting.clear();
        for (Completed next : parts) {
            try {
                appendSpooled(next.part(), next.info());
            } finally {
                next.part().spool().ifPresent(PartOutputStream::deleteQuietly);
            }
        }
    }

    private void appendSpooled(PartOutputStream part, PartInfo info) {
        Path spool = part.spool().orElseThrow();
        try {
            long spooledSize = size(spool, info);
            if (spooledSize != info.storedSize()) {
                throw new UnavailableException("the spool file " + spool + " of part " + info.name() + " holds "
                        + spooledSize + " bytes, but " + info.storedSize() + " were written to it: the scratch "
                        + "space was changed by something else; run the backup again");
            }
            writeMember(info.memberName(), info.storedSize(), Instant.now(), spool);
            completed.add(info);
        } finally {
            PartOutputStream.deleteQuietly(spool);
        }
    }

    /**
     * Forgets a part that was discarded instead of completed. A part written in place is cut out of the archive
     * again; the parts that completed meanwhile follow the last complete member.
     */
    synchronized void forget(PartOutputStream part) {
        openParts.remove(part);
        if (inPlace.isEmpty() || inPlace.get().part() != part) {
            return;
        }
        long headerAt = inPlace.get().headerAt();
        inPlace = Optional.empty();
        if (state != State.OPEN) {
            return;
        }
        try {
            archive.flush();
            rewritable.orElseThrow().truncate(headerAt);
        } catch (IOException | RuntimeException e) {
            state = State.BROKEN;
            brokenBy = "part " + part.name() + " was discarded after it was partly written into the archive";
            return;
        }
        appendWaiting();
    }

    @Override
    public synchronized List<PartInfo> completedParts() {
        return List.copyOf(completed);
    }

    @Override
    public synchronized String finish(Manifest manifest) {
        Objects.requireNonNull(manifest, "manifest");
        requireOpen();
        if (manifest.formatVersion() != TarArchiveCodec.FORMAT_VERSION) {
            throw new IllegalArgumentException("this writer writes format " + TarArchiveCodec.FORMAT_VERSION
                    + ", not " + manifest.formatVersion());
        }
        if (inPlace.isPresent()) {
            // its header is not written yet: the archive would not be a tar
            throw new IllegalStateException("part " + inPlace.get().part().name() + " is still being written into the "
                    + "archive, which cannot be finished before it");
        }
        if (!manifest.parts().equals(completed)) {
            throw new IllegalStateException("the manifest's parts " + names(manifest.parts())
                    + " are not the parts completed in this archive " + names(completed));
        }
        byte[] document = ManifestJson.write(manifest);
        try {
            TarMembers.putRegularFile(tar, TarMembers.MANIFEST, document.length, manifest.createdAt());
            tar.write(document);
            tar.closeArchiveEntry();
            tar.finish();
            archive.flush();
            state = State.FINISHED;
        } catch (IOException e) {
            throw broken("the manifest", e);
        }
        return new String(document, StandardCharsets.UTF_8);
    }

    /** Deletes the spools of parts still open or waiting; their streams, closed later, add nothing to the archive. */
    @Override
    public synchronized void close() {
        for (PartOutputStream part : openParts) {
            part.abandon();
        }
        openParts.clear();
        for (Completed part : waiting) {
            part.part().spool().ifPresent(PartOutputStream::deleteQuietly);
        }
        waiting.clear();
        if (state != State.FINISHED) {
            state = State.CLOSED;
        }
    }

    private void writeMember(String member, long size, Instant modified, Path spool) {
        InputStream spooled;
        try {
            spooled = Files.newInputStream(spool);
        } catch (IOException e) {
            throw new UnavailableException("cannot read the spool file " + spool + " of member " + member + ": "
                    + ArchiveIoFailures.describe(e), e);
        }
        try (InputStream in = spooled) {
            TarMembers.putRegularFile(tar, member, size, modified);
            for (int n; (n = in.read(copyBuffer)) >= 0; ) {
                tar.write(copyBuffer, 0, n);
            }
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw broken("member " + member, e);
        }
    }

    private RuntimeException broken(String what, IOException failure) {
        // a half-written member leaves the tar unusable: nothing more may be appended to it
        state = State.BROKEN;
        brokenBy = ArchiveIoFailures.describe(failure);
        return ArchiveIoFailures.writing(what + " to the archive", failure);
    }

    private void requireOpen() {
        switch (state) {
            case OPEN -> {
            }
            case FINISHED -> throw new IllegalStateException("the archive is already finished");
            case CLOSED -> throw new IllegalStateException("the archive writer is closed");
            case BROKEN -> throw new UnavailableException("the archive cannot be written any further after an "
                    + "earlier failure (" + brokenBy + ")");
        }
    }

    private static long size(Path spool, PartInfo info) {
        try {
            return Files.size(spool);
        } catch (IOException e) {
            throw new UnavailableException("cannot read the spool file " + spool + " of part " + info.name() + ": "
                    + ArchiveIoFailures.describe(e), e);
        }
    }

    private static List<String> names(List<PartInfo> parts) {
        return parts.stream().map(PartInfo::name).toList();
    }
}
