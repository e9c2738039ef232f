package dev.lifeboat.adapter.archive;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import dev.lifeboat.domain.model.Compression;
import dev.lifeboat.domain.model.CompressionSettings;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** The compressors and decompressors of each {@link Compression}. */
final class Compressors {

    /** zstd-jni and zlib both work best when handed large blocks at a time. */
    static final int BUFFER_SIZE = 128 * 1024;

    private Compressors() {
    }

    /** A stream that compresses into {@code out}; closing it finishes the compressed stream and closes {@code out}. */
    static OutputStream compressing(CompressionSettings settings, OutputStream out) throws IOException {
        return switch (settings.compression()) {
            case ZSTD -> {
                ZstdOutputStream zstd = new ZstdOutputStream(out, settings.level());
                // the checksum lets `zstd -d` alone detect damage; the workers give "all cores" to each part
                zstd.setChecksum(true);
                zstd.setWorkers(Runtime.getRuntime().availableProcessors());
                yield new BufferedOutputStream(zstd, BUFFER_SIZE);
            }
            case GZIP -> new BufferedOutputStream(new LeveledGzipOutputStream(out, settings.level()), BUFFER_SIZE);
            case NONE -> new BufferedOutputStream(out, BUFFER_SIZE);
        };
    }

    /** A stream that decompresses what {@code in} holds. */
    static InputStream decompressing(Compression compression, InputStream in) throws IOException {
        return switch (compression) {
            case ZSTD -> new ZstdInputStream(in);
            case GZIP -> new GZIPInputStream(in, BUFFER_SIZE);
            case NONE -> in;
        };
    }

    /** GZIPOutputStream always uses the default level; its deflater is protected, so the level is set here. */
    private static final class LeveledGzipOutputStream extends GZIPOutputStream {

        LeveledGzipOutputStream(OutputStream out, int level) throws IOException {
            super(out, BUFFER_SIZE);
            def.setLevel(level);
        }
    }
}
