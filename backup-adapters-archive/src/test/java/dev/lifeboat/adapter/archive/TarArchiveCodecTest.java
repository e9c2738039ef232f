package dev.lifeboat.adapter.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.contract.ArchiveCodecContract;
import dev.lifeboat.domain.model.Compression;
import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.ArchiveReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The tar codec held to the contract every archive codec keeps (round trips, damage and truncation found, parts
 * streamed), plus what is particular to format v2: a tar member per part named after it, the manifest as JSON last.
 */
class TarArchiveCodecTest extends ArchiveCodecContract {

    @Override
    protected ArchiveCodec codec() {
        return new TarArchiveCodec();
    }

    @Test
    void theFormatVersionIsTwo() {
        assertThat(codec().formatVersion()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void eachPartIsAMemberNamedWithItsCompressionsExtensionAndTheManifestComesLast(Compression compression) {
        byte[] archive = TestArchives.write(directory, CompressionSettings.of(compression), TestArchives.parts(
                "data/second.copy", TestArchives.text(1000, 1), "database.sqlite", TestArchives.random(1000, 2)));

        try (ArchiveReader reader = TestArchives.open(archive)) {
            for (PartInfo part : reader.parts()) {
                assertThat(part.memberName()).isEqualTo(part.name() + compression.extension());
            }
        }
        assertThat(TarSurgery.members(archive)).extracting(TarSurgery.Member::name).containsExactly(
                "data/second.copy" + compression.extension(), "database.sqlite" + compression.extension(),
                "manifest.json");
    }

    @Test
    void theManifestIsStoredExactlyAsWrittenAndReadsBackEqual() {
        byte[] archive = TestArchives.write(directory, CompressionSettings.DEFAULT,
                TestArchives.parts("database.sqlite", TestArchives.text(5000, 1)));

        try (ArchiveReader reader = TestArchives.open(archive)) {
            assertThat(reader.manifestDocument().getBytes(StandardCharsets.UTF_8))
                    .isEqualTo(ManifestJson.write(reader.manifest()));
            assertThat(reader.manifestDocument()).startsWith("{\n  \"format\": \"lifeboat-archive\",\n"
                    + "  \"formatVersion\": 2,\n");
        }
    }

    @Test
    void aPartWithTheManifestsNameIsAnEngineBug() {
        Map<String, byte[]> reserved = TestArchives.parts("manifest.json", new byte[1]);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> TestArchives.write(directory, CompressionSettings.DEFAULT, reserved))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
    }
}
