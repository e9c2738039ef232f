package dev.lifeboat.adapter.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.error.UnavailableException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sidecar's SHA-256 is that of the archive's file as it ends up, whether the bytes were hashed on their way or
 * written again in place and read back; the judge is the system's sha256sum.
 */
class HashingOutputTest {

    @TempDir
    Path directory;

    private final Random random = new Random(13);

    @Test
    void writesOfEverySizeAreHashedAsTheFileHoldsThem() throws Exception {
        Path file = directory.resolve("appended");
        String sha256;
        try (FileChannel channel = open(file)) {
            HashingOutput output = new HashingOutput(channel, channel, HashingOutputTest::failure);
            output.write(7);
            for (int size : new int[] {100, 200_000, 1 << 20, 3, 64 * 1024, 64 * 1024 - 1, 5_000_000, 1}) {
                output.write(bytes(size + 10), 5, size);
            }
            sha256 = output.finish();
        }

        assertThat(Files.size(file)).isEqualTo(1 + 100 + 200_000 + (1 << 20) + 3 + 2 * 64 * 1024 - 1 + 5_000_000 + 1);
        assertThat(sha256).isEqualTo(sha256sum(file));
    }

    @Test
    void bytesWrittenAgainInPlaceAreReadBackForTheChecksum() throws Exception {
        Path file = directory.resolve("rewritten");
        String sha256;
        try (FileChannel channel = open(file)) {
            HashingOutput output = new HashingOutput(channel, channel, HashingOutputTest::failure);
            output.write(bytes(300_000));
            output.startRewriting();
            long header = output.end();
            output.write(new byte[512]);
            output.write(bytes(3_000_000));
            output.moveTail(header + 512, 1024);
            output.writeAt(header, bytes(1536));
            output.write(bytes(1000));
            long cut = output.end();
            output.write(bytes(2_000_000));
            output.truncate(cut);
            output.write(bytes(777));
            assertThat(output.end()).isEqualTo(300_000 + 1536 + 3_000_000 + 1000 + 777);
            sha256 = output.finish();
        }

        assertThat(Files.size(file)).isEqualTo(300_000 + 1536 + 3_000_000 + 1000 + 777);
        assertThat(sha256).isEqualTo(sha256sum(file));
    }

    @Test
    void movingTheTailKeepsEveryByteInOrder() throws Exception {
        Path file = directory.resolve("moved");
        byte[] tail = bytes(2_500_000);
        byte[] head = bytes(1000);
        try (FileChannel channel = open(file)) {
            HashingOutput output = new HashingOutput(channel, channel, HashingOutputTest::failure);
            output.write(head);
            output.startRewriting();
            output.write(tail);
            output.moveTail(head.length, 3000);
            output.finish();
        }

        byte[] content = Files.readAllBytes(file);
        assertThat(Arrays.copyOf(content, head.length)).isEqualTo(head);
        assertThat(Arrays.copyOfRange(content, head.length + 3000, content.length)).isEqualTo(tail);
    }

    private byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
    }

    private static UnavailableException failure(IOException e) {
        throw new AssertionError("the file could not be written", e);
    }

    private static String sha256sum(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
        return output.substring(0, 64);
    }
}
