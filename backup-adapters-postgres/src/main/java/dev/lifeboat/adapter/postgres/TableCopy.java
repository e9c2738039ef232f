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

/** Text COPY of one table, streamed: out of a database into a stream, or from a stream into a database. */
final class TableCopy {

    private static final int BUFFER_BYTES = 1 << 16;

    private TableCopy() {
    }

    /** Copies a table's rows to a stream and returns their fingerprint. */
    static TableFingerprint copyOut(Connection connection, TableData table, OutputStream out)
            throws SQLException, IOException {
        // the driver hands over one row at a time: the buffer gives the archive large writes
        BufferedOutputStream buffered = new BufferedOutputStream(out, BUFFER_BYTES);
        CopyRowHasher hasher = new CopyRowHasher(buffered);
        copyManager(connection).copyOut("COPY " + table.copySource() + " TO STDOUT", hasher);
        hasher.flush();
        return hasher.result();
    }

    /** Loads rows in text COPY format into a table and returns how many the server took. */
    static long copyIn(Connection connection, String copyTarget, InputStream rows) throws SQLException, IOException {
        return copyManager(connection).copyIn("COPY " + copyTarget + " FROM STDIN", rows, BUFFER_BYTES);
    }

    private static CopyManager copyManager(Connection connection) throws SQLException {
        return connection.unwrap(PGConnection.class).getCopyAPI();
    }
}
