package dev.lifeboat.adapter.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.Compression;
import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.spi.ArchiveReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PartReadingTest {

    @TempDir
    Path scratch;

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"ZSTD", "GZIP"})
    void aPartThatExpandsBeyondItsRawSizeIsCutOffThere(Compression compression) throws IOException {
        byte[] archive = TestArchives.write(scratch, CompressionSettings.of(compression),
                TestArchives.parts("database.sqlite", new byte[20_000_000]));
        byte[] bomb = TarSurgery.editManifest(archive,
                root -> ((ObjectNode) root.get("parts").get(0)).put("rawSize", 1000));

        try (ArchiveReader reader = TestArchives.open(bomb); InputStream in = reader.open("database.sqlite")) {
            byte[] buffer = new byte[1 << 16];
            long delivered = 0;
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    delivered += n;
                }
            } catch (VerificationFailedException e) {
                assertThat(e).hasMessageContaining("part database.sqlite")
                        .hasMessageContaining("expands beyond its declared raw size of 1000 bytes");
            }
            assertThat(delivered).as("bytes handed out before the part was refused").isEqualTo(1000);
            assertThatThrownBy(() -> in.read(buffer)).isInstanceOf(VerificationFailedException.class);
        }
    }

    @Test
    void aPartShorterThanItsRawSizeFailsAtItsEnd() {
        byte[] archive = TestArchives.write(scratch, CompressionSettings.DEFAULT,
                TestArchives.parts("database.sqlite", TestArchives.text(5000, 1)));
        byte[] longer = TarSurgery.editManifest(archive,
                root -> ((ObjectNode) root.get("parts").get(0)).put("rawSize", 5001));

        try (ArchiveReader reader = TestArchives.open(longer)) {
            assertThatThrownBy(() -> TestArchives.read(reader, "database.sqlite"))
                    .isInstanceOf(VerificationFailedException.class)
                    .hasMessageContaining("decompresses to 5000 bytes but the manifest records 5001");
        }
    }

    @Test
    void aPartWhoseContentDiffersFromTheManifestFailsAtItsEnd() {
        byte[] archive = TestArchives.write(scratch, CompressionSettings.of(Compression.NONE),
                TestArchives.parts("database.sqlite", TestArchives.text(5000, 1)));
        byte[] otherHash = TarSurgery.editManifest(archive, root -> {
            ObjectNode part = (ObjectNode) root.get("parts").get(0);
            part.put("storedSha256", "0".repeat(64));
        });

        try (ArchiveReader reader = TestArchives.open(otherHash); InputStream in = reader.open("database.sqlite")) {
            assertThat(in.readNBytes(5000)).hasSize(5000);
            assertThatThrownBy(in::read)
                    .isInstanceOf(VerificationFailedException.class)
                    .hasMessageContaining("part database.sqlite in " + TestArchives.NAME + " is damaged")
                    .hasMessageContaining("the manifest records " + "0".repeat(64));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void openingReadsOnlyTheHeadersAndTheManifestNotThePartsData() throws IOException {
        Path file = scratch.resolve("big.lifeboat.tar");
        TestArchives.writeFile(file, scratch, CompressionSettings.DEFAULT, java.util.Map.of(
                "schema/pre-data.sql", out -> out.write(TestArchives.text(10_000, 1)),
                "data/public.film.copy", TestArchives.randomContent(100_000_000, 2),
                "schema/post-data.sql", out -> out.write(TestArchives.text(10_000, 3))));
        assertThat(Files.size(file)).isGreaterThan(100_000_000);

        try (CountingChannel channel = new CountingChannel(FileChannel.open(file, StandardOpenOption.READ))) {
            try (ArchiveReader reader = TestArchives.CODEC.open(channel, TestArchives.NAME)) {
                assertThat(reader.parts()).hasSize(3);
                assertThat(channel.bytesRead()).as("bytes read to open a %d-byte archive", Files.size(file))
                        .isLessThan(16 * 1024);
            }
            assertThat(channel.isClosed()).as("closing the reader closes the channel").isTrue();
        }
    }

    @Test
    void aFailingDiskWhileOpeningIsUnavailableNotDamage() {
        byte[] archive = TestArchives.write(scratch, CompressionSettings.DEFAULT,
                TestArchives.parts("database.sqlite", TestArchives.text(100_000, 1)));
        CountingChannel failing = new CountingChannel(new SeekableInMemoryByteChannel(archive)).failingAfter(512);

        assertThatThrownBy(() -> TestArchives.CODEC.open(failing, TestArchives.NAME))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("cannot read " + TestArchives.NAME)
                .hasMessageContaining("Input/output error");
        assertThat(failing.isClosed()).as("a channel that could not be opened as an archive is closed").isTrue();
    }

    @Test
    void aFailingDiskWhileReadingAPartIsUnavailableNotDamage() throws IOException {
        byte[] archive = TestArchives.write(scratch, CompressionSettings.DEFAULT,
                TestArchives.parts("database.sqlite", TestArchives.random(1_000_000, 1)));
        CountingChannel channel = new CountingChannel(new SeekableInMemoryByteChannel(archive));

        try (ArchiveReader reader = TestArchives.CODEC.open(channel, TestArchives.NAME);
             InputStream in = reader.open("database.sqlite")) {
            channel.failingAfter(channel.bytesRead() + 300_000);
            assertThatThrownBy(in::readAllBytes)
                    .isInstanceOf(UnavailableException.class)
                    .hasMessageContaining("Input/output error");
        }
    }
}
