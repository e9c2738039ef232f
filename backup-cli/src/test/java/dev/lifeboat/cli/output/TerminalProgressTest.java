package dev.lifeboat.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.ProgressUnit;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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

    @Test
    void steps_running_at_once_share_the_line_and_a_finished_step_leaves_it() {
        StringWriter err = new StringWriter();
        SteppingClock clock = new SteppingClock();
        TerminalProgress progress = new TerminalProgress(new PrintWriter(err), clock, 200);

        Progress.Task writing = progress.start("writing", 100, ProgressUnit.ITEMS);
        Progress.Task hashing = progress.start("hashing", 10, ProgressUnit.ITEMS);
        clock.advance(1_000);
        writing.update(50);

        assertThat(lastLine(err)).startsWith("writing  [").contains("50/100", "  |  hashing");

        writing.close();
        assertThat(lastLine(err)).isEqualTo("hashing");
        hashing.close();
        assertThat(err.toString()).endsWith("\r\u001b[K");
    }

    @Test
    void a_line_never_runs_past_the_terminal_width() {
        StringWriter err = new StringWriter();
        TerminalProgress progress = new TerminalProgress(new PrintWriter(err), new SteppingClock(), 20);

        progress.start("a very long activity name that does not fit", 10, ProgressUnit.ITEMS);

        assertThat(lastLine(err)).hasSize(19);
    }

    private static String lastLine(StringWriter err) {
        String text = err.toString();
        return text.substring(text.lastIndexOf("\r\u001b[K") + 4);
    }

    private static final class SteppingClock extends Clock {
        private long millis;

        void advance(long by) {
            millis += by;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }
}
