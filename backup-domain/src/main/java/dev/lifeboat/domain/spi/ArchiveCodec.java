package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.model.Manifest;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;

/**
 * The archive format: how parts and a manifest become one file and back. Found with {@link java.util.ServiceLoader}.
 */
public interface ArchiveCodec {

    /**
     * The newest format version this codec writes and reads.
     *
     * @return the version written into every new archive's manifest
     */
    int formatVersion();

    /**
     * Starts an archive.
     *
     * @param archive     where the archive's bytes go; the writer never closes it
     * @param compression how each part is compressed
     * @param scratch     room for each part's compressed bytes until its size is known
     * @return the writer, to which the engine writes parts and the service then the manifest
     */
    ArchiveWriter newWriter(OutputStream archive, CompressionSettings compression, ScratchSpace scratch);

    /**
     * Opens an archive for reading. Reads only what it needs to find the parts and the manifest, never the
     * parts' data, so listing many archives is cheap.
     *
     * @param archive     the archive's bytes, with random access; the reader closes it when closed
     * @param archiveName the archive's name, for messages
     * @return the reader, with the manifest read and checked
     * @throws dev.lifeboat.domain.error.VerificationFailedException when it is corrupt, truncated or unsafe
     * @throws dev.lifeboat.domain.error.IncompatibleException       when its format is newer than this codec
     */
    ArchiveReader open(SeekableByteChannel archive, String archiveName);

    /**
     * Reads a manifest kept apart from its archive (a repository's listing copy, {@link StoredArchive#manifestCopy()}),
     * with the same checks as the manifest inside an archive.
     *
     * @param document    the manifest as kept
     * @param archiveName the archive's name, for messages
     * @return the manifest
     * @throws dev.lifeboat.domain.error.VerificationFailedException when it is damaged
     * @throws dev.lifeboat.domain.error.IncompatibleException       when its format is newer than this codec
     */
    Manifest readManifest(String document, String archiveName);

    /**
     * A stream that compresses what is written to it into {@code out}, as the codec compresses parts (a zstd frame
     * with its checksum, or a gzip member); closing it finishes the compressed stream and closes {@code out}. For
     * other files lifeboat writes in the same formats, such as an exported SQL script.
     *
     * @param settings how to compress
     * @param out      where the compressed bytes go; closed when the returned stream is closed
     * @return the stream to write the uncompressed bytes to
     * @throws java.io.IOException when {@code out} cannot be written
     */
    OutputStream compressing(CompressionSettings settings, OutputStream out) throws java.io.IOException;
}
