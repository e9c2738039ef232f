package dev.lifeboat.adapter.archive;

import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.model.PartNames;
import dev.lifeboat.domain.model.PartRole;
import dev.lifeboat.domain.spi.ArchiveWriter;
import dev.lifeboat.domain.spi.NonClosingOutputStream;
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
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes archive format v2. Parts are compressed into spool files in parallel, each by the thread that writes it,
 * and appended to the tar one at a time as they complete; the manifest comes last.
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
    private State state = State.OPEN;
    private String brokenBy = "";

    TarArchiveWriter(OutputStream archive, CompressionSettings compression, ScratchSpace scratch) {
        this.compression = compression;
        this.scratch = scratch;
        this.archive = new BufferedOutputStream(new NonClosingOutputStream(archive), ARCHIVE_BUFFER_SIZE);
        this.tar = new TarArchiveOutputStream(this.archive);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
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
            PartOutputStream part = PartOutputStream.open(this, name, role, compression, scratch.newFile("spool"));
            names.add(name);
            openParts.add(part);
            return part;
        }
    }

    /** Appends a completed part's spool to the archive; called by the part's stream when it is closed. */
    void append(PartOutputStream part, PartInfo info) {
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
                Path spool = part.spool();
                long spooledSize = size(spool, info);
                if (spooledSize != info.storedSize()) {
                    throw new UnavailableException("the spool file " + spool + " of part " + info.name() + " holds "
                            + spooledSize + " bytes, but " + info.storedSize() + " were written to it: the scratch "
                            + "space was changed by something else; run the backup again");
                }
                writeMember(info.memberName(), info.storedSize(), Instant.now(), spool);
                completed.add(info);
            }
        } finally {
            PartOutputStream.deleteQuietly(part.spool());
        }
    }

    /** Forgets a part that was discarded instead of completed. */
    synchronized void forget(PartOutputStream part) {
        openParts.remove(part);
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

    /** Deletes the spools of parts still open; their streams, closed later, add nothing to the archive. */
    @Override
    public synchronized void close() {
        for (PartOutputStream part : openParts) {
            part.abandon();
        }
        openParts.clear();
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
