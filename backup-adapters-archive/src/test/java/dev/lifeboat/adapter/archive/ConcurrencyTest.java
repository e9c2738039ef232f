package dev.lifeboat.adapter.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.contract.DirectoryScratch;
import dev.lifeboat.domain.model.Compression;
import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.model.PartRole;
import dev.lifeboat.domain.spi.ArchiveReader;
import dev.lifeboat.domain.spi.ArchiveWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A parallel engine writes parts from several threads at once, and a parallel restore reads them the same way. */
class ConcurrencyTest {

    private static final int PARTS = 8;

    @TempDir
    Path directory;

    private final Map<String, byte[]> written = new ConcurrentHashMap<>();

    /** Eight threads write eight parts at once. */
    private Path writeInParallel(CompressionSettings compression) throws Exception {
        return writeInParallel(compression, false);
    }

    /** @param inPlace whether the archive is a file the writer may write a part into in place */
    private Path writeInParallel(CompressionSettings compression, boolean inPlace) throws Exception {
        Path archive = directory.resolve(compression.compression().id() + ".lifeboat.tar");
        CyclicBarrier allOpen = new CyclicBarrier(PARTS);
        ExecutorService threads = Executors.newFixedThreadPool(PARTS);
        try (OutputStream out = inPlace ? RewritableFile.create(archive) : Files.newOutputStream(archive);
             DirectoryScratch scratch = new DirectoryScratch(directory);
             ArchiveWriter writer = TestArchives.CODEC.newWriter(out, compression, scratch)) {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < PARTS; i++) {
                String name = "data/public.table" + i + ".copy";
                byte[] content = i % 2 == 0 ? TestArchives.text(300_000 + i * 50_000, i)
                        : TestArchives.random(200_000 + i * 10_000, i);
                written.put(name, content);
                tasks.add(() -> {
                    try (OutputStream part = writer.open(name, PartRole.DATA)) {
                        allOpen.await();
                        // small writes interleave the threads as much as possible
                        for (int offset = 0; offset < content.length; offset += 4096) {
                            part.write(content, offset, Math.min(4096, content.length - offset));
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> done : threads.invokeAll(tasks)) {
                done.get();
            }
            writer.finish(TestArchives.manifest(writer.completedParts()));
            assertThat(scratch.remaining()).isEmpty();
        } finally {
            threads.shutdownNow();
        }
        return archive;
    }

    @ParameterizedTest(name = "written in place: {0}")
    @ValueSource(booleans = {false, true})
    void partsWrittenByEightThreadsAtOnceAreAllInTheArchiveIntact(boolean inPlace) throws Exception {
        Path archive = writeInParallel(CompressionSettings.DEFAULT, inPlace);

        try (ArchiveReader reader = TestArchives.CODEC.open(Files.newByteChannel(archive), TestArchives.NAME)) {
            assertThat(reader.parts()).extracting(PartInfo::name).containsExactlyInAnyOrderElementsOf(written.keySet());
            for (PartInfo part : reader.parts()) {
                assertThat(TestArchives.read(reader, part.name())).as(part.name()).isEqualTo(written.get(part.name()));
            }
        }
    }

    // uncompressed parts read in small pieces make many small reads of the archive, interleaving the threads most

    @Test
    void partsReadInParallelFromAFileChannelComeOutIntact() throws Exception {
        Path archive = writeInParallel(CompressionSettings.of(Compression.NONE));

        readAllInParallel(FileChannel.open(archive, StandardOpenOption.READ));
    }

    @Test
    void partsReadInParallelFromAnotherKindOfChannelComeOutIntact() throws Exception {
        Path archive = writeInParallel(CompressionSettings.of(Compression.NONE));

        readAllInParallel(new SeekableInMemoryByteChannel(Files.readAllBytes(archive)));
    }

    private void readAllInParallel(SeekableByteChannel channel) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(PARTS);
        try (ArchiveReader reader = TestArchives.CODEC.open(channel, TestArchives.NAME)) {
            CyclicBarrier allOpen = new CyclicBarrier(PARTS);
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (PartInfo part : reader.parts()) {
                tasks.add(() -> {
                    try (InputStream in = reader.open(part.name())) {
                        allOpen.await();
                        return Arrays.equals(readInSmallPieces(in), written.get(part.name()));
                    }
                });
            }
            for (Future<Boolean> intact : threads.invokeAll(tasks)) {
                assertThat(intact.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static byte[] readInSmallPieces(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[777];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            bytes.write(buffer, 0, n);
        }
        return bytes.toByteArray();
    }
}
