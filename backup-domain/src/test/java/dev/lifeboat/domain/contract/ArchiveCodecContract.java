package dev.lifeboat.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.Compression;
import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.model.PartRole;
import dev.lifeboat.domain.model.SourceInfo;
import dev.lifeboat.domain.model.TableFingerprint;
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.ArchiveReader;
import dev.lifeboat.domain.spi.ArchiveWriter;
import dev.lifeboat.domain.spi.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every archive codec must do, whatever its format: what {@link ArchiveCodec}, {@link ArchiveWriter},
 * {@link ArchiveReader} and the part streams promise. A codec module extends this class and supplies the codec; the
 * tests write archives through the port alone and read them back. Shipped in backup-domain's test-jar.
 *
 * <p>One test streams a part larger than the heap through the codec, so the extending module runs its tests with a
 * small heap (surefire's {@code argLine} {@code -Xmx128m}); with a heap over 512 MiB that test fails and says so.
 */
public abstract class ArchiveCodecContract {

    private static final String NAME = "app_nightly_2026-11-24T10-58-24Z.lifeboat.tar";
    private static final long SMALL_HEAP = 512L * 1024 * 1024;

    @TempDir
    protected Path directory;

    /** The codec under test. */
    protected abstract ArchiveCodec codec();

    @Test
    void theCodecIsFoundWithServiceLoader() {
        assertThat(ServiceLoader.load(ArchiveCodec.class).stream().map(provider -> provider.type().getName()))
                .contains(codec().getClass().getName());
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void everyPartReadsBackAsWrittenWithTheSameManifest(Compression compression) {
        Map<String, byte[]> parts = parts(
                "database.sqlite", random(70_000, 1),
                "schema/pre-data.sql", "CREATE TABLE album (id integer);\n".getBytes(StandardCharsets.UTF_8),
                "data/public.empty.copy", new byte[0],
                "data/public.album.copy", text(200_000, 2),
                "data/" + "a_schema_with_a_long_name.".repeat(6) + "copy", allByteValues());
        byte[] archive = write(CompressionSettings.of(compression), parts);

        try (ArchiveReader reader = open(archive)) {
            Manifest manifest = reader.manifest();
            assertThat(manifest).isEqualTo(manifest(manifest.parts()));
            assertThat(manifest.parts()).extracting(PartInfo::name).containsExactlyElementsOf(parts.keySet());
            assertThat(reader.parts()).isEqualTo(manifest.parts());
            for (PartInfo part : manifest.parts()) {
                byte[] expected = parts.get(part.name());
                assertThat(read(reader, part.name())).as(part.name()).isEqualTo(expected);
                assertThat(part.rawSize()).isEqualTo(expected.length);
                assertThat(part.rawSha256()).isEqualTo(Sha256.hex(Sha256.newDigest().digest(expected)));
                assertThat(part.compression()).isEqualTo(compression);
                assertThat(part.role()).isEqualTo(roleOf(part.name()));
            }
        }
    }

    @Test
    void theManifestFinishReturnsIsTheOneStoredAndReadsBackApartFromTheArchive() throws IOException {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        String finished;
        try (DirectoryScratch scratch = new DirectoryScratch(directory);
             ArchiveWriter writer = codec().newWriter(archive, CompressionSettings.DEFAULT, scratch)) {
            try (OutputStream out = writer.open("database.sqlite", PartRole.DATABASE_FILE)) {
                out.write(text(5000, 1));
            }
            finished = writer.finish(manifest(writer.completedParts()));
        }

        try (ArchiveReader reader = open(archive.toByteArray())) {
            assertThat(reader.manifestDocument()).isEqualTo(finished);
            assertThat(codec().readManifest(finished, NAME)).isEqualTo(reader.manifest());
            assertThat(reader.manifest().formatVersion()).isEqualTo(codec().formatVersion());
        }
    }

    @Test
    void aManifestKeptApartThatWasCutShortOrChangedIsRefused() {
        String document;
        try (ArchiveReader reader = open(write(CompressionSettings.DEFAULT, parts("database.sqlite", text(500, 1))))) {
            document = reader.manifestDocument();
        }
        String fingerprint = manifest(List.of()).fingerprint().schemaHash();
        assertThat(document).contains(fingerprint);

        assertThatThrownBy(() -> codec().readManifest(document.substring(0, document.length() / 2), NAME))
                .isInstanceOf(VerificationFailedException.class);
        assertThatThrownBy(() -> codec().readManifest(document.replace(fingerprint, "cd".repeat(32)), NAME))
                .as("a manifest whose fingerprint was changed").isInstanceOf(VerificationFailedException.class);
    }

    @Test
    void compressionShrinksCompressibleParts() {
        Map<String, byte[]> content = parts("data/t.copy", text(500_000, 3));
        for (Compression compression : List.of(Compression.ZSTD, Compression.GZIP)) {
            try (ArchiveReader reader = open(write(CompressionSettings.of(compression), content))) {
                assertThat(reader.parts().get(0).storedSize()).as(compression.id()).isLessThan(500_000 / 3);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"ZSTD", "GZIP"})
    void theCompressionLevelIsApplied(Compression compression) {
        Map<String, byte[]> content = parts("data/t.copy", text(2_000_000, 4));

        long fastest = storedSize(new CompressionSettings(compression, compression.minLevel()), content);
        long stronger = storedSize(new CompressionSettings(compression, 9), content);

        assertThat(stronger).isLessThan(fastest);
    }

    @Test
    void partsAreInTheArchiveInTheOrderTheyWereCompleted() throws IOException {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (DirectoryScratch scratch = new DirectoryScratch(directory);
             ArchiveWriter writer = codec().newWriter(archive, CompressionSettings.DEFAULT, scratch)) {
            OutputStream first = writer.open("data/first.copy", PartRole.DATA);
            OutputStream second = writer.open("data/second.copy", PartRole.DATA);
            second.write(2);
            second.close();
            first.write(1);
            first.close();

            assertThat(writer.completedParts()).extracting(PartInfo::name)
                    .containsExactly("data/second.copy", "data/first.copy");
            writer.finish(manifest(writer.completedParts()));
        }

        try (ArchiveReader reader = open(archive.toByteArray())) {
            assertThat(reader.parts()).extracting(PartInfo::name).containsExactly("data/second.copy", "data/first.copy");
        }
    }

    @Test
    void unsafeAndDuplicatePartNamesAreEngineBugs() {
        try (DirectoryScratch scratch = new DirectoryScratch(directory);
             ArchiveWriter writer = codec().newWriter(new ByteArrayOutputStream(), CompressionSettings.DEFAULT, scratch)) {
            for (String unsafe : List.of("../evil", "/abs", "a/../b", "", "with space", "a//b", "./a", "a/")) {
                assertThatThrownBy(() -> writer.open(unsafe, PartRole.DATA)).as(unsafe)
                        .isInstanceOf(IllegalArgumentException.class);
            }
            writer.open("database.sqlite", PartRole.DATABASE_FILE);
            assertThatThrownBy(() -> writer.open("database.sqlite", PartRole.DATABASE_FILE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        }
    }

    @Test
    void theManifestMustListExactlyTheCompletedParts() throws IOException {
        try (DirectoryScratch scratch = new DirectoryScratch(directory);
             ArchiveWriter writer = codec().newWriter(new ByteArrayOutputStream(), CompressionSettings.DEFAULT, scratch)) {
            try (OutputStream out = writer.open("database.sqlite", PartRole.DATABASE_FILE)) {
                out.write(1);
            }
            assertThatThrownBy(() -> writer.finish(manifest(List.of())))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("database.sqlite");
        }
    }

    @Test
    void aPartNeverClosedIsNotInTheArchiveAndLeavesNoScratchFile() throws IOException {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        DirectoryScratch scratch = new DirectoryScratch(directory);
        try (ArchiveWriter writer = codec().newWriter(archive, CompressionSettings.DEFAULT, scratch)) {
            try (OutputStream out = writer.open("database.sqlite", PartRole.DATABASE_FILE)) {
                out.write(text(10_000, 1));
            }
            OutputStream abandoned = writer.open("data/unfinished.copy", PartRole.DATA);
            abandoned.write(text(300_000, 2));
            writer.finish(manifest(writer.completedParts()));
        }

        assertThat(scratch.remaining()).as("scratch files left after close").isEmpty();
        try (ArchiveReader reader = open(archive.toByteArray())) {
            assertThat(reader.parts()).extracting(PartInfo::name).containsExactly("database.sqlite");
        }
    }

    @Test
    void closingTheWriterWithoutFinishingDeletesEveryScratchFile() throws IOException {
        DirectoryScratch scratch = new DirectoryScratch(directory);
        OutputStream open;
        try (ArchiveWriter writer = codec().newWriter(new ByteArrayOutputStream(), CompressionSettings.DEFAULT, scratch)) {
            open = writer.open("data/a.copy", PartRole.DATA);
            open.write(text(500_000, 1));
        }

        assertThat(scratch.remaining()).isEmpty();
        assertThatThrownBy(() -> open.write(1)).as("writing to a part of a closed writer").isInstanceOf(IOException.class);
        open.close();
        assertThat(scratch.remaining()).isEmpty();
    }

    @Test
    void thePartStreamAcceptsSingleBytesAndSlices() throws IOException {
        byte[] expected = text(70_000, 5);
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (DirectoryScratch scratch = new DirectoryScratch(directory);
             ArchiveWriter writer = codec().newWriter(archive, CompressionSettings.DEFAULT, scratch)) {
            try (OutputStream out = writer.open("database.sqlite", PartRole.DATABASE_FILE)) {
                for (int i = 0; i < 1000; i++) {
                    out.write(expected[i]);
                }
                out.write(expected, 1000, expected.length - 1000);
                out.flush();
            }
            writer.finish(manifest(writer.completedParts()));
        }

        try (ArchiveReader reader = open(archive.toByteArray())) {
            assertThat(read(reader, "database.sqlite")).isEqualTo(expected);
        }
    }

    @Test
    void aPartClosedAfterTheArchiveIsFinishedIsAnEngineBug() throws IOException {
        try (DirectoryScratch scratch = new DirectoryScratch(directory);
             ArchiveWriter writer = codec().newWriter(new ByteArrayOutputStream(), CompressionSettings.DEFAULT, scratch)) {
            OutputStream late = writer.open("data/late.copy", PartRole.DATA);
            late.write(1);
            writer.finish(manifest(writer.completedParts()));

            assertThatThrownBy(late::close).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("data/late.copy");
            assertThatThrownBy(() -> writer.open("data/later.copy", PartRole.DATA))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(scratch.remaining()).isEmpty();
        }
    }

    @Test
    void theArchiveStreamIsFlushedButNeverClosed() throws IOException {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        List<String> calls = new ArrayList<>();
        OutputStream watched = new FilterOutputStream(archive) {
            @Override
            public void flush() throws IOException {
                calls.add("flush");
                super.flush();
            }

            @Override
            public void close() {
                calls.add("close");
            }
        };
        try (DirectoryScratch scratch = new DirectoryScratch(directory);
             ArchiveWriter writer = codec().newWriter(watched, CompressionSettings.DEFAULT, scratch)) {
            writer.finish(manifest(List.of()));
        }

        assertThat(calls).contains("flush").doesNotContain("close");
        openAndReadEverything(archive.toByteArray());
    }

    @Test
    void aPartNotInTheArchiveIsNamed() {
        try (ArchiveReader reader = open(write(CompressionSettings.DEFAULT, parts("database.sqlite", new byte[10])))) {
            assertThatThrownBy(() -> reader.open("schema/pre-data.sql"))
                    .isInstanceOf(VerificationFailedException.class)
                    .hasMessageContaining("schema/pre-data.sql");
        }
    }

    @Test
    void closingTheReaderClosesTheChannel() {
        BytesChannel channel = new BytesChannel(write(CompressionSettings.DEFAULT, parts("database.sqlite", new byte[10])));
        try (ArchiveReader reader = codec().open(channel, NAME)) {
            assertThat(reader.parts()).hasSize(1);
        }
        assertThat(channel.isOpen()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void aFlippedByteAnywhereIsFound(Compression compression) {
        byte[] archive = smallArchive(compression);
        List<Integer> missed = new ArrayList<>();

        for (int offset = 0; offset < archive.length; offset++) {
            byte[] damaged = archive.clone();
            damaged[offset] ^= (byte) 0xFF;
            if (!isRefusedAsDamaged(damaged)) {
                missed.add(offset);
            }
        }

        assertThat(missed).as("offsets of %d where a flipped byte went unnoticed", archive.length).isEmpty();
    }

    @Test
    void anArchiveCutShortAtAnyLengthIsFound() {
        byte[] archive = smallArchive(Compression.ZSTD);
        List<Integer> missed = new ArrayList<>();

        for (int length = 0; length < archive.length; length++) {
            if (!isRefusedAsDamaged(Arrays.copyOf(archive, length))) {
                missed.add(length);
            }
        }

        assertThat(missed).as("truncated lengths that went unnoticed").isEmpty();
    }

    @Test
    void aPartLargerThanTheHeapStreamsThroughWriterAndReader() throws IOException {
        long heap = Runtime.getRuntime().maxMemory();
        assertThat(heap).as("the heap of this test JVM: run the contract with -Xmx128m so that a part larger than "
                + "the heap is a small file").isLessThanOrEqualTo(SMALL_HEAP);
        long size = heap * 2 + 8 * 1024 * 1024;
        Path archive = directory.resolve("large.lifeboat.tar");
        MessageDigest writtenDigest = Sha256.newDigest();

        try (OutputStream out = Files.newOutputStream(archive);
             DirectoryScratch scratch = new DirectoryScratch(directory);
             ArchiveWriter writer = codec().newWriter(out, CompressionSettings.DEFAULT, scratch)) {
            try (OutputStream part = writer.open("database.sqlite", PartRole.DATABASE_FILE)) {
                writeMixedContent(part, size, writtenDigest);
            }
            writer.finish(manifest(writer.completedParts()));
        }
        String writtenSha256 = Sha256.hex(writtenDigest.digest());

        try (ArchiveReader reader = codec().open(Files.newByteChannel(archive), NAME);
             InputStream in = reader.open("database.sqlite")) {
            PartInfo part = reader.parts().get(0);
            assertThat(part.rawSize()).isEqualTo(size);
            assertThat(part.rawSha256()).isEqualTo(writtenSha256);
            assertThat(part.storedSize()).as("half the content compresses well").isLessThan(size * 3 / 4);

            MessageDigest readDigest = Sha256.newDigest();
            byte[] buffer = new byte[1 << 20];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                readDigest.update(buffer, 0, n);
                total += n;
            }
            assertThat(total).isEqualTo(size);
            assertThat(Sha256.hex(readDigest.digest())).isEqualTo(writtenSha256);
        }
    }

    /** The manifest the tests write: fixed values around the parts the writer completed. */
    protected Manifest manifest(List<PartInfo> parts) {
        Fingerprint fingerprint = Fingerprint.of("lifeboat-sqlite-1", "ab".repeat(32),
                Map.of("user_version", "7", "application_id", "0"),
                Map.of("Album", new TableFingerprint(347, "0f".repeat(32)),
                        "Artist", new TableFingerprint(275, "1e".repeat(32))));
        return new Manifest(codec().formatVersion(), "0.1.0-SNAPSHOT", Instant.parse("2026-11-24T10:58:24.123Z"),
                "sqlite", "3.53.0",
                SourceInfo.of("/srv/app.db", "app", 1_007_616, Map.of("user_version", "7", "application_id", "0"),
                        Map.of("page_size", "4096", "journal_mode", "wal")),
                Optional.of("nightly"), fingerprint, new TreeMap<>(Map.of("compression", "zstd")), parts,
                List.of("table t has no primary key"));
    }

    private byte[] smallArchive(Compression compression) {
        return write(CompressionSettings.of(compression), parts(
                "database.sqlite", text(3000, 11),
                "data/public.blob.copy", random(700, 12),
                "data/public.empty.copy", new byte[0],
                "data/" + "long_table_name_".repeat(8) + ".copy", text(300, 13)));
    }

    /** Whether opening the archive and reading all its parts fails as damage should: VerificationFailedException. */
    private boolean isRefusedAsDamaged(byte[] archive) {
        try {
            openAndReadEverything(archive);
            return false;
        } catch (VerificationFailedException e) {
            return true;
        }
    }

    private void openAndReadEverything(byte[] archive) {
        try (ArchiveReader reader = open(archive)) {
            for (PartInfo part : reader.parts()) {
                read(reader, part.name());
            }
        }
    }

    private long storedSize(CompressionSettings settings, Map<String, byte[]> content) {
        try (ArchiveReader reader = open(write(settings, content))) {
            return reader.parts().get(0).storedSize();
        }
    }

    /** Writes the parts in the order given, each written and closed in turn. */
    private byte[] write(CompressionSettings compression, Map<String, byte[]> parts) {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (DirectoryScratch scratch = new DirectoryScratch(directory);
             ArchiveWriter writer = codec().newWriter(archive, compression, scratch)) {
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

    private ArchiveReader open(byte[] archive) {
        return codec().open(new BytesChannel(archive), NAME);
    }

    private static byte[] read(ArchiveReader reader, String part) {
        try (InputStream in = reader.open(part)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, byte[]> parts(Object... namesAndContents) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        for (int i = 0; i < namesAndContents.length; i += 2) {
            parts.put((String) namesAndContents[i], (byte[]) namesAndContents[i + 1]);
        }
        return parts;
    }

    private static PartRole roleOf(String name) {
        if (name.startsWith("schema/pre")) {
            return PartRole.PRE_DATA;
        }
        return name.startsWith("data/") ? PartRole.DATA : PartRole.DATABASE_FILE;
    }

    /** Bytes that compress well: text-like, repetitive. */
    private static byte[] text(int size, long seed) {
        byte[] bytes = new byte[size];
        SplittableRandom random = new SplittableRandom(seed);
        String[] words = {"lifeboat ", "backup ", "restore ", "album ", "artist ", "track ", "\n"};
        int i = 0;
        while (i < size) {
            byte[] word = words[random.nextInt(words.length)].getBytes(StandardCharsets.US_ASCII);
            int n = Math.min(word.length, size - i);
            System.arraycopy(word, 0, bytes, i, n);
            i += n;
        }
        return bytes;
    }

    /** Bytes that do not compress at all. */
    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] allByteValues() {
        byte[] bytes = new byte[256 * 40];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    /** Alternating megabytes of random bytes, which do not compress, and of repetitive rows, which do. */
    private static void writeMixedContent(OutputStream out, long size, MessageDigest digest) throws IOException {
        int chunkSize = 1 << 20;
        SplittableRandom random = new SplittableRandom(42);
        byte[] chunk = new byte[chunkSize];
        byte[] rows = text(chunkSize, 43);
        for (long written = 0, index = 0; written < size; written += chunkSize, index++) {
            int length = (int) Math.min(chunkSize, size - written);
            if (index % 2 == 0) {
                random.nextBytes(chunk);
            } else {
                System.arraycopy(rows, 0, chunk, 0, chunkSize);
                // a different first row each time, so no two chunks are the same
                byte[] number = Long.toString(index).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(number, 0, chunk, 0, number.length);
            }
            out.write(chunk, 0, length);
            digest.update(chunk, 0, length);
        }
    }

    /** An archive held in a byte array, read-only, for the small archives of these tests. */
    private static final class BytesChannel implements SeekableByteChannel {

        private final byte[] bytes;
        private long position;
        private boolean open = true;

        BytesChannel(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read(ByteBuffer destination) throws IOException {
            ensureOpen();
            if (position >= bytes.length) {
                return -1;
            }
            int count = (int) Math.min(destination.remaining(), bytes.length - position);
            destination.put(bytes, (int) position, count);
            position += count;
            return count;
        }

        @Override
        public int write(ByteBuffer source) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() throws IOException {
            ensureOpen();
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) throws IOException {
            ensureOpen();
            if (newPosition < 0) {
                throw new IllegalArgumentException("negative position " + newPosition);
            }
            position = newPosition;
            return this;
        }

        @Override
        public long size() throws IOException {
            ensureOpen();
            return bytes.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }

        private void ensureOpen() throws ClosedChannelException {
            if (!open) {
                throw new ClosedChannelException();
            }
        }
    }
}
