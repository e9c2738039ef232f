package dev.lifeboat.adapter.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compressing stream writes one frame that the system's own `zstd` restores and checks, however it is fed. */
class ZstdCompressingStreamTest {

    @TempDir
    Path directory;

    @Test
    void theSystemsZstdRestoresAndChecksWhatWasWrittenInPiecesOfEverySize() throws IOException {
        // text and random bytes across many jobs, so that several workers' output is stitched into the frame
        ByteArrayOutputStream original = new ByteArrayOutputStream();
        original.write(TestArchives.text(5_000_000, 1));
        original.write(TestArchives.random(3_000_000, 2));
        original.write(TestArchives.text(1_000_000, 3));
        byte[] content = original.toByteArray();
        Path compressed = directory.resolve("content.zst");

        try (OutputStream out = new ZstdCompressingStream(Files.newOutputStream(compressed), 3, 2, 512 * 1024,
                64 * 1024)) {
            SplittableRandom random = new SplittableRandom(4);
            int offset = 0;
            while (offset < content.length) {
                int piece = Math.min(content.length - offset, random.nextInt(3) == 0 ? 1 : random.nextInt(300_000));
                if (piece == 1) {
                    out.write(content[offset]);
                } else {
                    out.write(content, offset, piece);
                }
                offset += piece;
                if (random.nextInt(50) == 0) {
                    out.flush();
                }
            }
        }

        // -t checks the content checksum that the frame must carry; -d restores it
        SystemTools.run(directory, "zstd", "-q", "-t", compressed.toString());
        SystemTools.run(directory, "zstd", "-q", "-d", compressed.toString(), "-o", "restored");
        assertThat(Files.readAllBytes(directory.resolve("restored"))).isEqualTo(content);
        assertThat(SystemTools.run(directory, "zstd", "-lv", compressed.toString())).contains("Check: XXH64");
        assertThat(Files.size(compressed)).isLessThan(content.length / 2);
    }

    @Test
    void anEmptyStreamIsAnEmptyFrameAndClosingTwiceClosesOnce() throws IOException {
        Path compressed = directory.resolve("empty.zst");
        OutputStream out = new ZstdCompressingStream(Files.newOutputStream(compressed), 3, 2, 512 * 1024, 1024);

        out.close();
        out.close();

        SystemTools.run(directory, "zstd", "-q", "-d", compressed.toString(), "-o", "restored");
        assertThat(directory.resolve("restored")).isEmptyFile();
        assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void aFailingStreamBeneathFailsTheWriteAndIsStillClosed() throws IOException {
        FailingStream beneath = new FailingStream();
        OutputStream out = new ZstdCompressingStream(beneath, 3, 2, 512 * 1024, 1024);
        out.write(TestArchives.random(10_000, 5));

        assertThatThrownBy(out::close).isInstanceOf(IOException.class).hasMessage("disk gone");
        assertThat(beneath.closed).isTrue();
    }

    private static final class FailingStream extends OutputStream {
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            throw new IOException("disk gone");
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            throw new IOException("disk gone");
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
