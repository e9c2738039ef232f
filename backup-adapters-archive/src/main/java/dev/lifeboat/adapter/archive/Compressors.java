package dev.lifeboat.adapter.archive;

import com.github.luben.zstd.ZstdInputStream;
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

    /**
     * zstd's workers each compress one job of this many bytes at a time. Its default for level 3 is 8 MiB, and the
     * buffers of the jobs in flight then take some 60 MiB outside the Java heap; 2 MiB jobs take 15 MiB, with archives
     * 0.03% larger and no slower (docs/benchmarks.md, "Memory").
     */
    static final int ZSTD_JOB_SIZE = 2 * 1024 * 1024;

    /**
     * At most this many zstd workers, whatever the machine: each holds its own buffers, so memory would otherwise grow
     * with the number of cores.
     */
    static final int MAX_ZSTD_WORKERS = 4;

    private Compressors() {
    }

    /** A stream that compresses into {@code out}; closing it finishes the compressed stream and closes {@code out}. */
    static OutputStream compressing(CompressionSettings settings, OutputStream out) throws IOException {
        return switch (settings.compression()) {
            case ZSTD -> new ZstdCompressingStream(out, settings.level(),
                    Math.min(MAX_ZSTD_WORKERS, Runtime.getRuntime().availableProcessors()), ZSTD_JOB_SIZE, BUFFER_SIZE);
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
