package dev.lifeboat.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.RefusedException;
import dev.lifeboat.domain.spi.Sha256;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartOutputTest {

    private final List<byte[]> parts = new ArrayList<>();

    @Test
    void everyPartButTheLastHasThePartSizeAndTheHashCoversEveryByte() throws IOException {
        PartOutput output = new PartOutput(10, 100, this::upload, PartOutputTest::tooLarge);
        byte[] content = new byte[25];
        Arrays.fill(content, (byte) 7);

        output.write(content, 0, 3);
        output.write(content, 3, 22);
        String sha256 = output.finish();

        assertThat(parts).extracting(part -> part.length).containsExactly(10, 10, 5);
        assertThat(sha256).isEqualTo(Sha256.hex(Sha256.newDigest().digest(content)));
        assertThat(output.bytesWritten()).isEqualTo(25);
    }

    @Test
    void anArchiveOfWholePartsEndsWithoutAnEmptyPart() throws IOException {
        PartOutput output = new PartOutput(10, 100, this::upload, PartOutputTest::tooLarge);

        output.write(new byte[20]);
        output.finish();

        assertThat(parts).extracting(part -> part.length).containsExactly(10, 10);
    }

    @Test
    void anEmptyArchiveIsOneEmptyPart() {
        new PartOutput(10, 100, this::upload, PartOutputTest::tooLarge).finish();

        assertThat(parts).extracting(part -> part.length).containsExactly(0);
    }

    @Test
    void anArchiveLargerThanThePartsAllowIsRefusedWhenItOutgrowsThem() throws IOException {
        PartOutput output = new PartOutput(10, 2, this::upload, PartOutputTest::tooLarge);
        output.write(new byte[20]);

        assertThatThrownBy(() -> output.write(new byte[1])).isInstanceOf(RefusedException.class);
        assertThat(parts).hasSize(1);
        assertThatThrownBy(() -> output.write(new byte[1])).isInstanceOf(IOException.class);
    }

    @Test
    void theLargestArchiveThePartsAllowGoesUp() throws IOException {
        PartOutput output = new PartOutput(10, 2, this::upload, PartOutputTest::tooLarge);

        output.write(new byte[20]);
        output.finish();

        assertThat(parts).extracting(part -> part.length).containsExactly(10, 10);
    }

    @Test
    void aFailedUploadEndsTheStream() {
        PartOutput output = new PartOutput(10, 100, (number, bytes, length) -> {
            throw new IllegalStateException("upload failed");
        }, PartOutputTest::tooLarge);

        assertThatThrownBy(() -> output.write(new byte[11])).hasMessage("upload failed");
        assertThatThrownBy(() -> output.write(new byte[1])).isInstanceOf(IOException.class);
    }

    private void upload(int number, byte[] bytes, int length) {
        assertThat(number).isEqualTo(parts.size() + 1);
        parts.add(Arrays.copyOf(bytes, length));
    }

    private static void tooLarge() {
        throw new RefusedException("too large");
    }
}
