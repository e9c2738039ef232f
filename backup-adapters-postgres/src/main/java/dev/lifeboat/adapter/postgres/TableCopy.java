package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.catalog.TableData;
import dev.lifeboat.domain.model.TableFingerprint;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;

/** Text COPY of one table, streamed: out of a database into a stream, or from a stream into a database. */
final class TableCopy {

    private static final int BUFFER_BYTES = 1 << 16;

    /** How many rows {@link #passRows} passes on before it returns; see there. */
    static final int ROWS_PER_CALL = 1024;

    private TableCopy() {
    }

    /** Copies a table's rows to a stream and returns their fingerprint. */
    static TableFingerprint copyOut(Connection connection, TableData table, OutputStream out)
            throws SQLException, IOException {
        // the driver hands over one row at a time: the buffer gives the archive large writes
        BufferedOutputStream buffered = new BufferedOutputStream(out, BUFFER_BYTES);
        CopyRowHasher hasher = new CopyRowHasher(buffered);
        CopyOut copy = copyManager(connection).copyOut("COPY " + table.copySource() + " TO STDOUT");
        try {
            while (passRows(copy, hasher)) {
                // each call returns after ROWS_PER_CALL rows
            }
        } catch (IOException | SQLException | RuntimeException e) {
            // a failure with the COPY still running (a write that failed): cancelled and read to its end, as the
            // driver's own copyOut does, so that the server stops sending; the first failure is the one reported
            try {
                if (copy.isActive()) {
                    copy.cancelCopy();
                    while (copy.readFromCopy() != null) {
                        // rows the server sent before it saw the cancel
                    }
                }
            } catch (SQLException cancelled) {
                e.addSuppressed(cancelled);
            }
            throw e;
        }
        hasher.flush();
        return hasher.result();
    }

    /**
     * Passes up to {@link #ROWS_PER_CALL} rows of a running COPY to {@code to}; false once the COPY has ended.
     *
     * <p>Why not the driver's {@code CopyManager.copyOut(sql, OutputStream)}: its loop runs once for a whole table, so
     * the JIT compiles it on the stack (on-stack replacement) and the table's rows stay in that compiled loop. When
     * another table's COPY ends first, the driver's per-row code meets the end of a COPY it never met before, and the
     * JIT throws away its compiled code, the loop's included. The loop still running goes on in the discarded code,
     * and from there the driver's per-row method ran in the interpreter for every further row of the table: a fifth of
     * a backup's Java time (JFR, docs/benchmarks.md, "PostgreSQL" tenth). A loop that returns every so many rows is
     * entered afresh, in whatever code is current.
     */
    static boolean passRows(CopyOut copy, OutputStream to) throws SQLException, IOException {
        for (int passed = 0; passed < ROWS_PER_CALL; passed++) {
            byte[] row = copy.readFromCopy();
            if (row == null) {
                return false;
            }
            to.write(row);
        }
        return true;
    }

    /** Loads rows in text COPY format into a table and returns how many the server took. */
    static long copyIn(Connection connection, String copyTarget, InputStream rows) throws SQLException, IOException {
        return copyManager(connection).copyIn("COPY " + copyTarget + " FROM STDIN", rows, BUFFER_BYTES);
    }

    private static CopyManager copyManager(Connection connection) throws SQLException {
        return connection.unwrap(PGConnection.class).getCopyAPI();
    }
}
