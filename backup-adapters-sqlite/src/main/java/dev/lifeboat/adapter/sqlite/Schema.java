package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.spi.CanonicalRow;
import dev.lifeboat.domain.spi.Sha256;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The rows of a database's {@code sqlite_schema}, leaving out the statistics tables. */
final class Schema {

    private static final Comparator<SchemaEntry> BY_TYPE_AND_NAME =
            Comparator.comparing(SchemaEntry::type).thenComparing(SchemaEntry::name);

    private final List<SchemaEntry> entries;

    private Schema(List<SchemaEntry> entries) {
        this.entries = entries;
    }

    static Schema read(Connection connection) throws SQLException {
        List<SchemaEntry> entries = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_schema")) {
            while (rows.next()) {
                SchemaEntry entry = new SchemaEntry(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getString(4));
                if (!entry.isStatistics()) {
                    entries.add(entry);
                }
            }
        }
        entries.sort(BY_TYPE_AND_NAME);
        return new Schema(List.copyOf(entries));
    }

    /** The tables whose rows are data, by name. */
    List<SchemaEntry> dataTables() {
        return entries.stream().filter(SchemaEntry::holdsData).sorted(Comparator.comparing(SchemaEntry::name)).toList();
    }

    /**
     * SHA-256 of the canonical schema: each entry (type, name, tbl_name, sql), ordered by type then name, encoded
     * as a {@link CanonicalRow} (tagged, length-prefixed values, so no two schemas encode alike) and hashed in turn.
     */
    String hash() {
        MessageDigest digest = Sha256.newDigest();
        CanonicalRow row = new CanonicalRow();
        for (SchemaEntry entry : entries) {
            row.reset().putText(entry.type()).putText(entry.name()).putText(entry.tableName());
            if (entry.sql() == null) {
                row.putNull();
            } else {
                row.putText(entry.sql());
            }
            digest.update(row.bytes(), 0, row.length());
        }
        return Sha256.hex(digest.digest());
    }
}
