package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.spi.CanonicalRow;
import java.sql.SQLException;
import org.sqlite.core.Codes;
import org.sqlite.core.DB;
import org.sqlite.core.SafeStmtPtr;

/**
 * Encodes the current row of a statement as canonical bytes, each value by its storage class in that row.
 *
 * <p>It reads the values straight from the statement through the driver's native calls, one lock per row: the
 * JDBC getters would ask for each value's type again and box every number, which dominates the cost of hashing a
 * large database. Text in a UTF-8 database is taken as its stored bytes (which are already UTF-8, and stay exactly
 * as stored even when not valid UTF-8); in a UTF-16 database SQLite converts it to UTF-8 first.
 */
final class RowEncoder implements SafeStmtPtr.SafePtrConsumer<SQLException> {

    private final CanonicalRow row;
    private final int columns;
    private final boolean utf8Database;

    RowEncoder(CanonicalRow row, int columns, boolean utf8Database) {
        this.row = row;
        this.columns = columns;
        this.utf8Database = utf8Database;
    }

    @Override
    public void run(DB db, long statement) throws SQLException {
        row.reset();
        for (int column = 0; column < columns; column++) {
            int storageClass = db.column_type(statement, column);
            switch (storageClass) {
                case Codes.SQLITE_INTEGER -> row.putInteger(db.column_long(statement, column));
                case Codes.SQLITE_FLOAT -> row.putReal(db.column_double(statement, column));
                case Codes.SQLITE_TEXT -> {
                    if (utf8Database) {
                        row.putText(bytes(db.column_blob(statement, column)));
                    } else {
                        row.putText(db.column_text(statement, column));
                    }
                }
                case Codes.SQLITE_BLOB -> row.putBlob(bytes(db.column_blob(statement, column)));
                case Codes.SQLITE_NULL -> row.putNull();
                default -> throw new IllegalStateException("SQLite returned an unknown storage class " + storageClass);
            }
        }
    }

    // the driver returns null rather than an empty array for some zero-length values
    private static byte[] bytes(byte[] value) {
        return value == null ? new byte[0] : value;
    }
}
