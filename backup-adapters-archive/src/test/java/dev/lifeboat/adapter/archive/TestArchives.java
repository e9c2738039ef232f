package dev.lifeboat.adapter.archive;

import dev.lifeboat.domain.contract.DirectoryScratch;
import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.model.PartRole;
import dev.lifeboat.domain.model.SourceInfo;
import dev.lifeboat.domain.model.TableFingerprint;
import dev.lifeboat.domain.spi.ArchiveReader;
import dev.lifeboat.domain.spi.ArchiveWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/** Writes small archives with the real codec and opens them again. */
final class TestArchives {

    static final TarArchiveCodec CODEC = new TarArchiveCodec();
    static final Instant CREATED_AT = Instant.parse("2026-11-24T10:58:24.123Z");
    static final String NAME = "app_nightly_2026-11-24T10-58-24Z.lifeboat.tar";

    private TestArchives() {
    }

    /** Parts in the order given, each written and closed in turn. */
    static byte[] write(Path scratchDirectory, CompressionSettings compression, Map<String, byte[]> parts) {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (DirectoryScratch scratch = new DirectoryScratch(scratchDirectory);
             ArchiveWriter writer = CODEC.newWriter(archive, compression, scratch)) {
            for (Map.Entry<String, byte[]> part : parts.entrySet()) {
                try (OutputStream out = writer.open(part.getKey(), roleOf(part.getKey()))) {
                    out.write(part.getValue());
                }
            }
            writer.finish(manifest(writer.completedParts()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return archive.toByteArray();
    }

    /** Content written to a part in pieces, so a test can write parts larger than its heap. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Streams an archive to a file, the parts written and closed in turn. */
    static void writeFile(Path file, Path scratchDirectory, CompressionSettings compression,
                          Map<String, Content> parts) {
        try (OutputStream archive = Files.newOutputStream(file);
             DirectoryScratch scratch = new DirectoryScratch(scratchDirectory);
             ArchiveWriter writer = CODEC.newWriter(archive, compression, scratch)) {
            for (Map.Entry<String, Content> part : parts.entrySet()) {
                try (OutputStream out = writer.open(part.getKey(), roleOf(part.getKey()))) {
                    part.getValue().writeTo(out);
                }
            }
            writer.finish(manifest(writer.completedParts()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Random bytes, generated 1 MiB at a time. */
    static Content randomContent(long size, long seed) {
        return out -> {
            java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
            byte[] chunk = new byte[1 << 20];
            for (long left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        };
    }

    static Map<String, byte[]> parts(Object... namesAndContents) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        for (int i = 0; i < namesAndContents.length; i += 2) {
            parts.put((String) namesAndContents[i], (byte[]) namesAndContents[i + 1]);
        }
        return parts;
    }

    static PartRole roleOf(String name) {
        if (name.startsWith("schema/pre")) {
            return PartRole.PRE_DATA;
        }
        if (name.startsWith("schema/post")) {
            return PartRole.POST_DATA;
        }
        return name.startsWith("data/") ? PartRole.DATA : PartRole.DATABASE_FILE;
    }

    static Manifest manifest(List<PartInfo> parts) {
        Fingerprint fingerprint = Fingerprint.of("lifeboat-sqlite-1", "ab".repeat(32),
                Map.of("user_version", "7", "application_id", "0"),
                Map.of("Album", new TableFingerprint(347, "0f".repeat(32)),
                        "Artist", new TableFingerprint(275, "1e".repeat(32))));
        return new Manifest(TarArchiveCodec.FORMAT_VERSION, "0.1.0-SNAPSHOT", CREATED_AT, "sqlite", "3.53.0",
                SourceInfo.of("/srv/app.db", "app", 1_007_616, Map.of("user_version", "7", "application_id", "0"),
                        Map.of("page_size", "4096", "journal_mode", "wal")),
                Optional.of("nightly"), fingerprint, new java.util.TreeMap<>(Map.of("compression", "zstd", "compression-level", "3")), parts,
                List.of("table t has no primary key"));
    }

    static ArchiveReader open(byte[] archive) {
        return CODEC.open(new SeekableInMemoryByteChannel(archive), NAME);
    }

    static byte[] read(ArchiveReader reader, String part) {
        try (InputStream in = reader.open(part)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens an archive and reads every part to its end, as a verify would. */
    static void openAndReadEverything(byte[] archive) {
        try (ArchiveReader reader = open(archive)) {
            for (PartInfo part : reader.parts()) {
                read(reader, part.name());
            }
        }
    }

    /** Bytes that compress well: text-like, repetitive. */
    static byte[] text(int size, long seed) {
        byte[] bytes = new byte[size];
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        String[] words = {"lifeboat ", "backup ", "restore ", "album ", "artist ", "track ", "\n"};
        int i = 0;
        while (i < size) {
            byte[] word = words[random.nextInt(words.length)].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            int n = Math.min(word.length, size - i);
            System.arraycopy(word, 0, bytes, i, n);
            i += n;
        }
        return bytes;
    }

    /** Bytes that do not compress at all. */
    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new java.util.SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }
}
