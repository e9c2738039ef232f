package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.spi.RowHashSum;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CopyRowHasherTest {

    @Test
    void hashes_each_line_without_its_newline_however_the_bytes_are_split_and_passes_them_all_on() throws Exception {
        String copy = "1\tone\n2\t\\N\n3\tthree with a \\n escaped newline\n";
        byte[] bytes = copy.getBytes(StandardCharsets.UTF_8);
        RowHashSum expected = new RowHashSum();
        for (String line : copy.split("\n")) {
            byte[] row = line.getBytes(StandardCharsets.UTF_8);
            expected.add(row, 0, row.length);
        }
        for (int chunk = 1; chunk <= bytes.length; chunk++) {
            ByteArrayOutputStream passed = new ByteArrayOutputStream();
            CopyRowHasher hasher = new CopyRowHasher(passed);
            for (int offset = 0; offset < bytes.length; offset += chunk) {
                hasher.write(bytes, offset, Math.min(chunk, bytes.length - offset));
            }
            assertThat(hasher.result()).as("chunks of %d bytes", chunk).isEqualTo(expected.result());
            assertThat(passed.toByteArray()).isEqualTo(bytes);
        }
    }

    @Test
    void finds_the_first_newline_as_a_byte_by_byte_scan_does() {
        // bytes next to '\n' in value and in bits, and the zero byte, where a word-at-a-time scan could go wrong
        byte[] alphabet = {'\n', 0x0B, 0x09, 0x08, 0x1A, (byte) 0x8A, (byte) 0x80, 0, (byte) 0xFF, 'a', 'n'};
        Random random = new Random(42);
        for (int round = 0; round < 2000; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(4) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt();
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            int end = from + random.nextInt(bytes.length - from + 1);
            int expected = from;
            while (expected < end && bytes[expected] != '\n') {
                expected++;
            }
            assertThat(CopyRowHasher.newline(bytes, from, end))
                    .as("%s from %d to %d", Arrays.toString(bytes), from, end).isEqualTo(expected);
        }
    }

    @Test
    void a_stream_that_stops_mid_row_is_an_error() throws Exception {
        CopyRowHasher hasher = CopyRowHasher.discarding();
        hasher.write("1\tone\n2\ttw".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(hasher::result).isInstanceOf(IllegalStateException.class);
        assertThat(hasher.completeResult()).isEmpty();
        hasher.write("o\n".getBytes(StandardCharsets.UTF_8));
        assertThat(hasher.completeResult()).contains(hasher.result());
        assertThat(hasher.result().rows()).isEqualTo(2);
    }
}
