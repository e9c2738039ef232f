package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.catalog.TableData;
import dev.lifeboat.domain.model.TableFingerprint;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The rows a restore sent into one table, as their fingerprint, with the transaction that wrote them. A table whose
 * visible rows are exactly as many as were sent, every one written by that transaction, holds the rows sent: nothing
 * was added, removed or changed since (an UPDATE writes a new row version, with the id of the transaction that made
 * it), so its fingerprint is the one hashed while sending, and reading it back would only repeat the work.
 *
 * @param sent          the fingerprint of the COPY text sent, computed as a backup computes it
 * @param serverRows    how many rows the server reported the COPY took
 * @param transactionId the 32-bit id of the transaction that ran the COPY, as a row's {@code xmin} shows it
 */
record LoadedTable(TableFingerprint sent, long serverRows, long transactionId) {

    private static final long XID_MASK = 0xFFFF_FFFFL;

    /**
     * Loads rows in text COPY format into a table in a transaction of its own, hashing them on the way.
     *
     * @return what was sent, or empty when the rows did not end with a line's end (lifeboat's archives always do):
     *         the table is then read back
     */
    static Optional<LoadedTable> copyIn(Connection connection, String copyTarget, InputStream rows)
            throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN");
            long transactionId;
            try (ResultSet result = statement.executeQuery("SELECT pg_catalog.txid_current()")) {
                result.next();
                transactionId = result.getLong(1) & XID_MASK;
            }
            CopyRowHasher hasher = CopyRowHasher.discarding();
            long taken = TableCopy.copyIn(connection, copyTarget, new Hashed(rows, hasher));
            statement.execute("COMMIT");
            return hasher.completeResult().map(sent -> new LoadedTable(sent, taken, transactionId));
        }
    }

    /**
     * Whether {@code table}, read in the caller's snapshot, holds exactly the rows sent: as many as were sent and
     * the server took, and none written by another transaction. A table for which this is false is read back.
     */
    boolean unchangedIn(Connection connection, TableData table) throws SQLException {
        if (serverRows != sent.rows()) {
            return false;
        }
        String query = "SELECT pg_catalog.count(*), pg_catalog.count(*) FILTER (WHERE NOT xmin = '"
                + transactionId + "'::pg_catalog.xid) " + table.copiedRows();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1) == sent.rows() && result.getLong(2) == 0;
        }
    }

    /** Passes the rows read through to a hasher. */
    private static final class Hashed extends FilterInputStream {

        private final CopyRowHasher hasher;

        Hashed(InputStream rows, CopyRowHasher hasher) {
            super(rows);
            this.hasher = hasher;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                hasher.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                hasher.write(buffer, offset, n);
            }
            return n;
        }

        @Override
        public long skip(long n) {
            throw new UnsupportedOperationException("rows sent to the server are hashed, never skipped");
        }
    }
}
