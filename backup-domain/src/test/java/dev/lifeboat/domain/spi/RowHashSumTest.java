package dev.lifeboat.domain.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.model.TableFingerprint;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RowHashSumTest {

    private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(256);

    @Test
    void equals_the_sum_of_row_hashes_modulo_two_to_the_256() {
        List<byte[]> rows = randomRows(5_000, 42);
        RowHashSum sum = new RowHashSum();
        BigInteger expected = BigInteger.ZERO;
        for (byte[] row : rows) {
            sum.add(row, 0, row.length);
            expected = expected.add(new BigInteger(1, Sha256.newDigest().digest(row))).mod(MODULUS);
        }

        TableFingerprint result = sum.result();

        assertThat(result.rows()).isEqualTo(5_000);
        assertThat(new BigInteger(result.hash(), 16)).isEqualTo(expected);
    }

    @Test
    void does_not_depend_on_row_order() {
        List<byte[]> rows = randomRows(1_000, 7);
        List<byte[]> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(3));

        assertThat(sumOf(shuffled)).isEqualTo(sumOf(rows));
    }

    @Test
    void merged_partial_sums_equal_one_sum_over_all_rows() {
        List<byte[]> rows = randomRows(999, 11);
        RowHashSum first = new RowHashSum();
        RowHashSum second = new RowHashSum();
        for (int i = 0; i < rows.size(); i++) {
            (i % 3 == 0 ? first : second).add(rows.get(i), 0, rows.get(i).length);
        }

        first.merge(second);

        assertThat(first.result()).isEqualTo(sumOf(rows));
    }

    @Test
    void a_row_fed_in_pieces_hashes_as_the_whole_row() {
        List<byte[]> rows = randomRows(300, 13);
        RowHashSum pieces = new RowHashSum();
        for (byte[] row : rows) {
            int split = row.length / 3;
            pieces.update(row, 0, split);
            pieces.update(row, split, 0);
            pieces.update(row, split, row.length - split);
            pieces.endRow();
        }

        assertThat(pieces.result()).isEqualTo(sumOf(rows));
    }

    @Test
    void a_changed_row_changes_the_hash_but_not_the_count() {
        List<byte[]> rows = randomRows(100, 5);
        TableFingerprint before = sumOf(rows);
        rows.set(50, "changed".getBytes(StandardCharsets.UTF_8));

        TableFingerprint after = sumOf(rows);

        assertThat(after.rows()).isEqualTo(before.rows());
        assertThat(after.hash()).isNotEqualTo(before.hash());
    }

    @Test
    void an_empty_table_has_zero_rows_and_a_zero_sum() {
        assertThat(new RowHashSum().result()).isEqualTo(new TableFingerprint(0, "0".repeat(64)));
    }

    private static TableFingerprint sumOf(List<byte[]> rows) {
        RowHashSum sum = new RowHashSum();
        rows.forEach(row -> sum.add(row, 0, row.length));
        return sum.result();
    }

    private static List<byte[]> randomRows(int count, long seed) {
        Random random = new Random(seed);
        List<byte[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] row = new byte[random.nextInt(40)];
            random.nextBytes(row);
            rows.add(row);
        }
        return rows;
    }
}
