package dev.lifeboat.adapter.archive;

import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.spi.ArchiveReader;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/** An archive opened and checked by {@link ArchiveOpening}; its parts are read and verified as they stream. */
final class TarArchiveReader implements ArchiveReader {

    private final ArchiveChannel channel;
    private final Manifest manifest;
    private final String document;
    private final Map<String, PartLocation> parts;

    TarArchiveReader(ArchiveChannel channel, Manifest manifest, String document, Map<String, PartLocation> parts) {
        this.channel = channel;
        this.manifest = manifest;
        this.document = document;
        this.parts = Map.copyOf(parts);
    }

    @Override
    public Manifest manifest() {
        return manifest;
    }

    @Override
    public String manifestDocument() {
        return document;
    }

    @Override
    public List<PartInfo> parts() {
        return manifest.parts();
    }

    /** Thread-safe: each stream reads the archive at its own positions. */
    @Override
    public InputStream open(String partName) {
        PartLocation part = parts.get(partName);
        if (part == null) {
            throw new VerificationFailedException(channel.archiveName() + " has no part named '" + partName + "'; it "
                    + "holds " + manifest.parts().stream().map(PartInfo::name).toList());
        }
        return new PartInputStream(channel, part);
    }

    @Override
    public void close() {
        channel.close();
    }
}
