package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.catalog.LargeObjectsReader;
import dev.lifeboat.adapter.postgres.catalog.SchemaOptions;
import dev.lifeboat.adapter.postgres.catalog.SchemaStatement;
import dev.lifeboat.adapter.postgres.catalog.StatementKind;
import dev.lifeboat.domain.spi.RowHashSum;
import dev.lifeboat.domain.model.PartRole;
import dev.lifeboat.domain.model.TableFingerprint;
import dev.lifeboat.domain.spi.PartSink;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.ProgressUnit;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads every large object out of the backup's snapshot, in OID order, into {@link LargeObjectScript} and into the
 * fingerprint; or into the fingerprint alone, for a live or restored database. Memory stays flat however many
 * objects there are and however large: the list is read through a cursor, a batch of rows at a time, with the first
 * {@link #HEAD_BYTES} of each object's contents, and the rest of a larger object in pieces of {@link #PIECE_BYTES}.
 * {@code lo_get} in a REPEATABLE READ transaction reads the contents as of its snapshot.
 */
final class LargeObjectsOut {

    /** Contents read with the list: all of a small object, so that many small objects cost no extra round trips. */
    static final int HEAD_BYTES = 1 << 14;
    /** Rows per fetch of the list: at most this many heads in memory. */
    static final int FETCH_ROWS = 128;
    /** Contents read per round trip beyond the head. */
    static final int PIECE_BYTES = 1 << 20;

    private static final String CURSOR = "lifeboat_large_objects";

    /**
     * What was read.
     *
     * @param objects the number of large objects
     * @param bytes   their contents' total size
     * @param sum     the sum of their SHA-256, as {@link ArchiveLayout#LARGE_OBJECTS_ATTRIBUTE} says
     * @param roles   the roles their owner and privilege statements name, with the kinds of statement that do
     */
    record Summary(long objects, long bytes, String sum, Map<String, Set<StatementKind>> roles) {

        Summary {
            roles = Map.copyOf(roles);
        }

        /** The fingerprint's attributes: none when there are no large objects, as before lifeboat kept them. */
        Map<String, String> attributes() {
            return objects == 0 ? Map.of() : Map.of(ArchiveLayout.LARGE_OBJECTS_ATTRIBUTE,
                    objects + " objects, " + bytes + " bytes, sum " + sum);
        }
    }

    private LargeObjectsOut() {
    }

    /** Writes every large object to its part; no part when there are none. */
    static Summary write(Connection snapshot, SchemaOptions options, PartSink sink, Progress progress)
            throws SQLException, IOException {
        long objects = count(snapshot);
        if (objects == 0) {
            return read(snapshot, options, Optional.empty(), 0, progress);
        }
        try (OutputStream part = sink.open(ArchiveLayout.LARGE_OBJECTS, PartRole.DATA)) {
            return read(snapshot, options, Optional.of(new LargeObjectScript.Writer(part)), objects, progress);
        }
    }

    /** The large objects' fingerprint alone. */
    static Summary fingerprint(Connection snapshot, Progress progress) throws SQLException, IOException {
        return read(snapshot, SchemaOptions.all(), Optional.empty(), count(snapshot), progress);
    }

    private static long count(Connection snapshot) throws SQLException {
        try (Statement statement = snapshot.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT pg_catalog.count(*) FROM pg_catalog.pg_largeobject_metadata")) {
            result.next();
            return result.getLong(1);
        }
    }

    /**
     * Reads the objects through a cursor: the snapshot's connection runs in autocommit mode inside a transaction it
     * began itself, where the driver would fetch a whole result at once.
     */
    private static Summary read(Connection snapshot, SchemaOptions options, Optional<LargeObjectScript.Writer> script,
                                long objects, Progress progress) throws SQLException, IOException {
        RowHashSum sum = new RowHashSum();
        Map<String, Set<StatementKind>> roles = new TreeMap<>();
        long bytes = 0;
        if (objects == 0) {
            return new Summary(0, 0, sum.result().hash(), roles);
        }
        byte[] oidBytes = new byte[4];
        try (Progress.Task task = progress.start("copying large objects", objects, ProgressUnit.ITEMS);
             Statement statement = snapshot.createStatement();
             PreparedStatement piece = snapshot.prepareStatement(
                     "SELECT pg_catalog.lo_get(?::pg_catalog.oid, ?, ?)")) {
            statement.execute("DECLARE " + CURSOR + " NO SCROLL CURSOR FOR " + LargeObjectsReader.query(
                    ", pg_catalog.lo_get(m.oid, 0, " + HEAD_BYTES + ") AS head"));
            long done = 0;
            boolean more = true;
            while (more) {
                more = false;
                try (ResultSet rows = statement.executeQuery("FETCH " + FETCH_ROWS + " FROM " + CURSOR)) {
                    while (rows.next()) {
                        more = true;
                        long oid = rows.getLong("oid");
                        for (int i = 0; i < 4; i++) {
                            oidBytes[i] = (byte) (oid >>> (24 - 8 * i));
                        }
                        sum.update(oidBytes, 0, 4);
                        if (script.isPresent()) {
                            script.get().create(oid);
                        }
                        bytes += contents(oid, rows.getBytes("head"), piece, sum, script);
                        sum.endRow();
                        if (script.isPresent()) {
                            for (SchemaStatement metadata : LargeObjectsReader.statements(options, rows)) {
                                script.get().statement(metadata);
                                metadata.roles().forEach(role -> roles.computeIfAbsent(role,
                                        r -> EnumSet.noneOf(StatementKind.class)).add(metadata.kind()));
                            }
                        }
                        task.update(++done);
                    }
                }
            }
            statement.execute("CLOSE " + CURSOR);
            if (script.isPresent()) {
                script.get().finish();
            }
        }
        TableFingerprint result = sum.result();
        return new Summary(result.rows(), bytes, result.hash(), roles);
    }

    /** Hashes and writes one object's contents: its head, then further pieces while a read comes back full. */
    private static long contents(long oid, byte[] head, PreparedStatement piece, RowHashSum sum,
                                 Optional<LargeObjectScript.Writer> script) throws SQLException, IOException {
        byte[] bytes = head;
        int wanted = HEAD_BYTES;
        long offset = 0;
        while (true) {
            sum.update(bytes, 0, bytes.length);
            if (script.isPresent()) {
                script.get().contents(oid, offset, bytes, bytes.length);
            }
            offset += bytes.length;
            if (bytes.length < wanted) {
                return offset;
            }
            piece.setLong(1, oid);
            piece.setLong(2, offset);
            piece.setInt(3, PIECE_BYTES);
            try (ResultSet result = piece.executeQuery()) {
                result.next();
                bytes = result.getBytes(1);
            }
            wanted = PIECE_BYTES;
        }
    }
}
