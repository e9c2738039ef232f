package dev.lifeboat.domain.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CanonicalRowTest {

    @Test
    void values_of_different_types_never_encode_alike() {
        List<byte[]> encodings = List.of(
                encode(row -> row.putNull()),
                encode(row -> row.putInteger(1)),
                encode(row -> row.putReal(1.0)),
                encode(row -> row.putText("1")),
                encode(row -> row.putBlob(new byte[] {'1'})),
                encode(row -> row.putText("")),
                encode(row -> row.putBlob(new byte[0])));

        Set<String> distinct = new HashSet<>();
        encodings.forEach(bytes -> distinct.add(Arrays.toString(bytes)));

        assertThat(distinct).hasSize(encodings.size());
    }

    @Test
    void column_boundaries_are_part_of_the_encoding() {
        assertThat(encode(row -> row.putText("ab").putText("c")))
                .isNotEqualTo(encode(row -> row.putText("a").putText("bc")));
    }

    @Test
    void integers_are_eight_bytes_big_endian_after_their_tag() {
        assertThat(encode(row -> row.putInteger(Long.MIN_VALUE)))
                .containsExactly('I', 0x80, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void text_is_utf8_with_its_length() {
        assertThat(encode(row -> row.putText("é")))
                .containsExactly('T', 0, 0, 0, 2, 0xC3, 0xA9);
    }

    @Test
    void a_value_given_as_a_range_of_a_buffer_encodes_as_that_value_alone() {
        byte[] buffer = {'x', 'a', 'b', 'y'};

        assertThat(encode(row -> row.putText(buffer, 1, 2).putBlob(buffer, 3, 1).putText(buffer, 0, 0)))
                .containsExactly(encode(row -> row.putText("ab").putBlob(new byte[] {'y'}).putText("")));
    }

    @Test
    void a_reset_row_starts_empty_and_large_values_grow_the_buffer() {
        CanonicalRow row = new CanonicalRow();
        row.putBlob(new byte[10_000]);
        assertThat(row.length()).isEqualTo(10_005);

        row.reset().putNull();

        assertThat(Arrays.copyOf(row.bytes(), row.length())).containsExactly('N');
    }

    private static byte[] encode(java.util.function.Consumer<CanonicalRow> values) {
        CanonicalRow row = new CanonicalRow();
        values.accept(row);
        return Arrays.copyOf(row.bytes(), row.length());
    }
}
