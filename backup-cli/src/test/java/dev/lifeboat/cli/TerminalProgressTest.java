package dev.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.port.out.ProgressUnit;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {

    @Test
    void a_line_shows_bar_percentage_amounts_rate_and_time_left() {
        String line = TerminalProgress.line("copying pages", 512 * 1024 * 1024L, 1024 * 1024 * 1024L, ProgressUnit.BYTES, 4_000);

        assertThat(line).isEqualTo("copying pages  [############------------]  50%  512.0 MiB/1.0 GiB  128.0 MiB/s  ETA 0:04");
    }

    @Test
    void without_a_total_it_shows_what_is_done() {
        assertThat(TerminalProgress.line("reading", 1500, -1, ProgressUnit.ROWS, 0)).isEqualTo("reading  1,500 rows");
    }
}
