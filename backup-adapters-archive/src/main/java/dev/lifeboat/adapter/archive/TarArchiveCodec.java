package dev.lifeboat.adapter.archive;

import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.ArchiveReader;
import dev.lifeboat.domain.spi.ArchiveWriter;
import dev.lifeboat.domain.spi.ScratchSpace;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.Objects;

/**
 * Archive format v2: an uncompressed POSIX tar in which every part is its own member, compressed on its own, and
 * {@code manifest.json}, sealed by its own checksum, is the last member. Format 1 (the same, without the seal) is still
 * read. docs/archive-format.md describes the format for people and for implementers of other readers.
 */
public final class TarArchiveCodec implements ArchiveCodec {

    static final int FORMAT_VERSION = 2;

    /** The first format whose manifests carry their seal ({@link ManifestSeal}). */
    static final int SEALED_SINCE = 2;

    @Override
    public int formatVersion() {
        return FORMAT_VERSION;
    }

    @Override
    public ArchiveWriter newWriter(OutputStream archive, CompressionSettings compression, ScratchSpace scratch) {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(scratch, "scratch");
        return new TarArchiveWriter(archive, compression, scratch);
    }

    @Override
    public ArchiveReader open(SeekableByteChannel archive, String archiveName) {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(archiveName, "archiveName");
        return ArchiveOpening.open(archive, archiveName);
    }

    @Override
    public Manifest readManifest(String document, String archiveName) {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(archiveName, "archiveName");
        return ManifestJson.parse(document, archiveName);
    }

    @Override
    public OutputStream compressing(CompressionSettings settings, OutputStream out) throws IOException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(out, "out");
        return Compressors.compressing(settings, out);
    }
}
