package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.catalog.SchemaStatement;
import dev.lifeboat.adapter.postgres.catalog.StatementKind;
import dev.lifeboat.adapter.postgres.catalog.StatementPhase;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.ProgressUnit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Loads {@link LargeObjectScript} into a database, as psql would run it, but with many short lines per round trip (a
 * database may hold a hundred thousand tiny objects), the contents of long {@code lo_put} lines sent as bytes rather
 * than text, and without the owner or privilege lines when the restore leaves them out. Memory stays flat: lines are
 * read one at a time and sent in batches of bounded size.
 */
final class LargeObjectsIn {

    /** Statements per round trip. */
    static final int BATCH_STATEMENTS = 200;
    /** Characters per round trip, beyond which a batch is sent whatever its number of statements. */
    static final int BATCH_CHARS = 1 << 18;
    /**
     * An {@code lo_put} line at least this long is not sent as text but with its bytes as a binary parameter: the
     * server takes a long literal several times slower than the bytes themselves.
     */
    static final int BINARY_LINE_CHARS = 1 << 13;

    private final Connection connection;
    private final Statement statement;
    private final PreparedStatement put;
    private final boolean owners;
    private final boolean privileges;
    private final StringBuilder batch = new StringBuilder();
    private int batchStatements;
    private String batchStart = "";
    private long firstOid = -1;
    private long currentOid = -1;

    private LargeObjectsIn(Connection connection, Statement statement, PreparedStatement put, boolean owners,
                           boolean privileges) {
        this.connection = connection;
        this.statement = statement;
        this.put = put;
        this.owners = owners;
        this.privileges = privileges;
    }

    /**
     * Runs the script, reading it to its end (which checks the part); each of the script's transactions is committed
     * where the script commits it. Once it has, the connection is in auto-commit mode again.
     *
     * @param sizeBytes the part's size, for progress
     */
    static void load(Connection connection, InputStream part, long sizeBytes, boolean owners, boolean privileges,
                     Progress progress) throws SQLException, IOException {
        connection.setAutoCommit(false);
        try (Progress.Task task = progress.start("loading large objects", sizeBytes, ProgressUnit.BYTES);
             Statement statement = connection.createStatement();
             PreparedStatement put = connection.prepareStatement(
                     "SELECT pg_catalog.lo_put(?::pg_catalog.oid, ?, ?)")) {
            // the lines are SQL as it is; the driver must not rewrite JDBC escapes such as {d ...} in a comment's text
            statement.setEscapeProcessing(false);
            LargeObjectsIn loader = new LargeObjectsIn(connection, statement, put, owners, privileges);
            BufferedReader lines = new BufferedReader(new InputStreamReader(part, StandardCharsets.UTF_8), 1 << 16);
            long read = 0;
            String text;
            while ((text = lines.readLine()) != null) {
                read += text.length() + 1;
                Optional<LargeObjectScript.Line> line = LargeObjectScript.parse(text);
                if (line.isPresent()) {
                    loader.run(line.get());
                }
                task.update(Math.min(read, sizeBytes));
            }
            loader.send();
            connection.commit();
        }
        // the session goes on to the restore's next phase, whose statements each commit on their own
        connection.setAutoCommit(true);
    }

    private void run(LargeObjectScript.Line line) throws SQLException {
        switch (line.kind()) {
            case BEGIN -> {
                // the driver begins a transaction before the next statement
            }
            case COMMIT -> {
                send();
                connection.commit();
            }
            case CREATE -> {
                currentOid = line.createdOid();
                add(line);
            }
            case CONTENTS -> {
                if (line.sql().length() < BINARY_LINE_CHARS) {
                    add(line);
                } else {
                    send();
                    put(line);
                }
            }
            case OWNER -> {
                if (owners) {
                    add(line);
                }
            }
            case PRIVILEGE -> {
                if (privileges) {
                    add(line);
                }
            }
            case SETTING, COMMENT -> add(line);
        }
    }

    private void add(LargeObjectScript.Line line) throws SQLException {
        if (batchStatements > 0 && (batchStatements == BATCH_STATEMENTS
                || batch.length() + line.sql().length() > BATCH_CHARS)) {
            send();
        }
        if (batchStatements == 0) {
            batchStart = line.sql();
            firstOid = currentOid;
        }
        batch.append(line.sql()).append('\n');
        batchStatements++;
    }

    /** Sends the batch in one round trip; a failure names the objects it was about and the server's message. */
    private void send() throws SQLException {
        if (batchStatements == 0) {
            return;
        }
        try {
            statement.execute(batch.toString());
        } catch (SQLException e) {
            String objects = firstOid < 0 ? "large objects" : firstOid == currentOid ? "LARGE OBJECT " + firstOid
                    : "LARGE OBJECTS " + firstOid + " to " + currentOid;
            throw failed(objects, batchStart, e);
        }
        batch.setLength(0);
        batchStatements = 0;
    }

    /** Writes a piece of contents with its bytes as a binary parameter. */
    private void put(LargeObjectScript.Line line) throws SQLException {
        LargeObjectScript.Contents contents = line.contents();
        try {
            put.setLong(1, contents.oid());
            put.setLong(2, contents.offset());
            put.setBytes(3, contents.bytes());
            put.execute();
        } catch (SQLException e) {
            throw failed("LARGE OBJECT " + contents.oid(), line.sql(), e);
        }
    }

    private static RuntimeException failed(String objects, String sql, SQLException e) {
        return RestoreStatementFailures.of(new SchemaStatement(StatementPhase.POST_DATA, StatementKind.DEFINITION,
                objects, sql), e);
    }
}
