package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.adapter.postgres.catalog.QualifiedName;
import dev.lifeboat.adapter.postgres.catalog.TableData;
import dev.lifeboat.domain.model.TableFingerprint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/** A table's COPY out, passed on a batch of rows per call, against the driver's own copy loop. */
class TableCopyTest {

    private static final int ROWS = 2 * TableCopy.ROWS_PER_CALL + 7;

    private final PostgresServers.TestServer server = PostgresServers.newest();

    @Test
    void every_row_arrives_as_the_drivers_own_copy_loop_gives_it() throws Exception {
        String database = server.createDatabase("copy_out");
        server.execute(database, "CREATE TABLE t (id integer, note text)",
                "INSERT INTO t SELECT i, 'row ' || i || E'\\nwith a newline' FROM generate_series(1, " + ROWS + ") i");
        try (Connection connection = server.connect(database)) {
            ByteArrayOutputStream ours = new ByteArrayOutputStream();
            TableFingerprint fingerprint = TableCopy.copyOut(connection, table(), ours);
            ByteArrayOutputStream drivers = new ByteArrayOutputStream();
            long driverRows = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("COPY public.t TO STDOUT", drivers);

            assertThat(ours.toByteArray()).isEqualTo(drivers.toByteArray());
            assertThat(fingerprint.rows()).isEqualTo(driverRows).isEqualTo(ROWS);
            CopyRowHasher rehashed = CopyRowHasher.discarding();
            rehashed.write(drivers.toByteArray());
            assertThat(fingerprint).isEqualTo(rehashed.result());
        }
    }

    @Test
    void a_write_that_fails_stops_the_copy_on_the_server() throws Exception {
        String database = server.createDatabase("copy_out_failing");
        server.execute(database, "CREATE TABLE t (id integer, note text)",
                // 20 MB: more than the socket's buffers hold, so the server is still sending when the write fails
                "INSERT INTO t SELECT i, repeat('x', 200) FROM generate_series(1, 100000) i");
        try (Connection connection = server.connect(database)) {
            int backend = connection.unwrap(PGConnection.class).getBackendPID();

            assertThatThrownBy(() -> TableCopy.copyOut(connection, table(), new FailingAfter(100_000)))
                    .isInstanceOf(IOException.class).hasMessage("no space left");

            // the cancel reaches the server on a connection of its own: the session ends the COPY a moment later
            String query = "SELECT state || ': ' || query FROM pg_catalog.pg_stat_activity WHERE pid = " + backend;
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            List<String> session = server.column("postgres", query);
            while (!session.isEmpty() && session.get(0).startsWith("active: COPY") && System.nanoTime() < deadline) {
                Thread.sleep(50);
                session = server.column("postgres", query);
            }
            assertThat(session).singleElement(InstanceOfAssertFactories.STRING)
                    .as("the session no longer runs the COPY").startsWith("idle: COPY");
        }
    }

    @Test
    void each_call_passes_at_most_a_batch_of_rows_and_reads_no_further() throws Exception {
        RowsThenEnd copy = new RowsThenEnd(TableCopy.ROWS_PER_CALL + 1);
        ByteArrayOutputStream passed = new ByteArrayOutputStream();

        assertThat(TableCopy.passRows(copy, passed)).as("more rows may follow").isTrue();
        assertThat(copy.reads).isEqualTo(TableCopy.ROWS_PER_CALL);
        assertThat(TableCopy.passRows(copy, passed)).as("the COPY has ended").isFalse();
        assertThat(copy.reads).as("the last row, then the end").isEqualTo(TableCopy.ROWS_PER_CALL + 2);
        assertThat(passed.toString(StandardCharsets.US_ASCII))
                .startsWith("row 0\nrow 1\n").endsWith("row " + TableCopy.ROWS_PER_CALL + "\n")
                .hasLineCount(TableCopy.ROWS_PER_CALL + 1);
    }

    private static TableData table() {
        return new TableData(new QualifiedName("public", "t"), List.of("id", "note"));
    }

    /** A COPY that gives so many rows, {@code row 0} and on, then its end, and counts the reads. */
    private static final class RowsThenEnd implements CopyOut {

        private final int rows;
        private int reads;

        RowsThenEnd(int rows) {
            this.rows = rows;
        }

        @Override
        public byte[] readFromCopy() {
            int row = reads++;
            return row < rows ? ("row " + row + "\n").getBytes(StandardCharsets.US_ASCII) : null;
        }

        @Override
        public byte[] readFromCopy(boolean block) {
            return readFromCopy();
        }

        @Override
        public int getFieldCount() {
            return 1;
        }

        @Override
        public int getFormat() {
            return 0;
        }

        @Override
        public int getFieldFormat(int field) {
            return 0;
        }

        @Override
        public boolean isActive() {
            return reads <= rows;
        }

        @Override
        public void cancelCopy() {
            throw new UnsupportedOperationException("not cancelled in this test");
        }

        @Override
        public long getHandledRowCount() {
            return Math.min(reads, rows);
        }
    }

    /** A stream that takes so many bytes and then fails, as a full disk does. */
    private static final class FailingAfter extends OutputStream {

        private long left;

        FailingAfter(long bytes) {
            this.left = bytes;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length > left) {
                throw new IOException("no space left");
            }
            left -= length;
        }
    }
}
