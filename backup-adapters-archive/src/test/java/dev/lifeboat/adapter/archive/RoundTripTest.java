package dev.lifeboat.adapter.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.spi.Sha256;
import dev.lifeboat.domain.model.Compression;
import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.ArchiveReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RoundTripTest {

    private static final String LONG_NAME = "data/" + "a_schema_with_a_long_name.".repeat(6) + "copy";

    @TempDir
    Path scratch;

    private final Map<String, byte[]> parts = TestArchives.parts(
            "database.sqlite", TestArchives.random(70_000, 1),
            "schema/pre-data.sql", "CREATE TABLE album (id integer);\n".getBytes(StandardCharsets.UTF_8),
            "data/public.empty.copy", new byte[0],
            "data/public.album.copy", TestArchives.text(200_000, 2),
            LONG_NAME, allByteValues());

    @ParameterizedTest
    @EnumSource(Compression.class)
    void everyPartReadsBackAsWrittenWithTheSameManifest(Compression compression) {
        byte[] archive = TestArchives.write(scratch, CompressionSettings.of(compression), parts);

        try (ArchiveReader reader = TestArchives.open(archive)) {
            Manifest manifest = reader.manifest();
            assertThat(manifest).isEqualTo(TestArchives.manifest(manifest.parts()));
            assertThat(manifest.parts()).extracting(PartInfo::name).containsExactlyElementsOf(parts.keySet());
            for (PartInfo part : manifest.parts()) {
                byte[] expected = parts.get(part.name());
                assertThat(TestArchives.read(reader, part.name())).as(part.name()).isEqualTo(expected);
                assertThat(part.rawSize()).isEqualTo(expected.length);
                assertThat(part.rawSha256()).isEqualTo(Sha256.hex(Sha256.newDigest().digest(expected)));
                assertThat(part.compression()).isEqualTo(compression);
                assertThat(part.memberName()).isEqualTo(part.name() + compression.extension());
            }
        }
    }

    @Test
    void theManifestIsStoredExactlyAsWrittenAndReadsBackEqual() {
        byte[] archive = TestArchives.write(scratch, CompressionSettings.DEFAULT, parts);

        try (ArchiveReader reader = TestArchives.open(archive)) {
            assertThat(reader.manifestDocument().getBytes(StandardCharsets.UTF_8))
                    .isEqualTo(ManifestJson.write(reader.manifest()));
            assertThat(reader.manifestDocument()).startsWith("{\n  \"format\": \"lifeboat-archive\",\n"
                    + "  \"formatVersion\": 2,\n");
        }
    }

    @Test
    void compressionShrinksCompressibleParts() {
        Map<String, byte[]> text = TestArchives.parts("data/t.copy", TestArchives.text(500_000, 3));
        for (Compression compression : List.of(Compression.ZSTD, Compression.GZIP)) {
            byte[] archive = TestArchives.write(scratch, CompressionSettings.of(compression), text);
            try (ArchiveReader reader = TestArchives.open(archive)) {
                assertThat(reader.parts().get(0).storedSize()).as(compression.id()).isLessThan(500_000 / 3);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"ZSTD", "GZIP"})
    void theCompressionLevelIsApplied(Compression compression) {
        Map<String, byte[]> text = TestArchives.parts("data/t.copy", TestArchives.text(2_000_000, 4));

        long fastest = storedSize(new CompressionSettings(compression, compression.minLevel()), text);
        long stronger = storedSize(new CompressionSettings(compression, 9), text);

        assertThat(stronger).isLessThan(fastest);
    }

    private long storedSize(CompressionSettings settings, Map<String, byte[]> content) {
        try (ArchiveReader reader = TestArchives.open(TestArchives.write(scratch, settings, content))) {
            return reader.parts().get(0).storedSize();
        }
    }

    @Test
    void serviceLoaderFindsTheCodecForFormatOne() {
        List<ArchiveCodec> codecs = ServiceLoader.load(ArchiveCodec.class).stream()
                .map(ServiceLoader.Provider::get).toList();

        assertThat(codecs).hasSize(1);
        assertThat(codecs.get(0)).isInstanceOf(TarArchiveCodec.class);
        assertThat(codecs.get(0).formatVersion()).isEqualTo(2);
    }

    private static byte[] allByteValues() {
        byte[] bytes = new byte[256 * 40];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }
}
