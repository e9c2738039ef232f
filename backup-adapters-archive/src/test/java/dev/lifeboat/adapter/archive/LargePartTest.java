package dev.lifeboat.adapter.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.spi.Sha256;
import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.spi.ArchiveReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A part far larger than the test's heap (the module's tests run with -Xmx128m) is written and read back: the codec
 * streams parts and never holds one in memory.
 */
class LargePartTest {

    private static final long SIZE = 300L * 1024 * 1024;
    private static final int CHUNK = 1 << 20;

    @TempDir
    Path directory;

    @Test
    void aThreeHundredMegabytePartStreamsThroughWriterAndReader() throws IOException {
        Path archive = directory.resolve("large.lifeboat.tar");
        MessageDigest writtenDigest = Sha256.newDigest();

        TestArchives.writeFile(archive, directory, CompressionSettings.DEFAULT,
                Map.of("database.sqlite", out -> writeMixedContent(out, writtenDigest)));
        String writtenSha256 = Sha256.hex(writtenDigest.digest());

        try (ArchiveReader reader = TestArchives.CODEC.open(Files.newByteChannel(archive), TestArchives.NAME);
             InputStream in = reader.open("database.sqlite")) {
            PartInfo part = reader.parts().get(0);
            assertThat(part.rawSize()).isEqualTo(SIZE);
            assertThat(part.rawSha256()).isEqualTo(writtenSha256);
            assertThat(part.storedSize()).as("half the content compresses well").isLessThan(SIZE * 3 / 4);

            MessageDigest readDigest = Sha256.newDigest();
            byte[] buffer = new byte[CHUNK];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                readDigest.update(buffer, 0, n);
                total += n;
            }
            assertThat(total).isEqualTo(SIZE);
            assertThat(Sha256.hex(readDigest.digest())).isEqualTo(writtenSha256);
        }
    }

    /** Alternating megabytes of random bytes, which do not compress, and of repetitive rows, which do. */
    private static void writeMixedContent(OutputStream out, MessageDigest digest) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        byte[] chunk = new byte[CHUNK];
        byte[] rows = rows();
        for (long written = 0, index = 0; written < SIZE; written += CHUNK, index++) {
            if (index % 2 == 0) {
                random.nextBytes(chunk);
            } else {
                System.arraycopy(rows, 0, chunk, 0, CHUNK);
                // a different first row each time, so no two chunks are the same
                byte[] number = Long.toString(index).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(number, 0, chunk, 0, number.length);
            }
            out.write(chunk);
            digest.update(chunk);
        }
    }

    private static byte[] rows() {
        StringBuilder text = new StringBuilder(CHUNK + 100);
        for (int row = 0; text.length() < CHUNK; row++) {
            text.append(row).append("\tAlbum ").append(row % 347).append("\tArtist ").append(row % 275).append('\n');
        }
        return text.substring(0, CHUNK).getBytes(StandardCharsets.US_ASCII);
    }
}
