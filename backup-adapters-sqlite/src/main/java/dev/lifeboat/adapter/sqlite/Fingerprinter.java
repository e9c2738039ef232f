package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.TableFingerprint;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.ProgressUnit;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The logical fingerprint of a SQLite database: per data table its row count and order-independent row hash, the
 * schema hash, and {@code user_version} and {@code application_id}, which are data kept outside any table.
 */
final class Fingerprinter {

    static final String ALGORITHM = "sqlite-rows-sha256-sum-v1";

    private Fingerprinter() {
    }

    /**
     * Fingerprints what the connection sees. The caller holds a read transaction (or the file is immutable), so
     * every table is read from the same snapshot.
     */
    static Fingerprint fingerprint(Connection connection, Progress progress, String activity) throws SQLException {
        Schema schema = Schema.read(connection);
        DatabaseFacts facts = DatabaseFacts.read(connection);
        List<SchemaEntry> tables = schema.dataTables();
        Map<String, TableFingerprint> hashes = new TreeMap<>();
        TableHasher hasher = new TableHasher(connection, facts.isUtf8());
        try (Progress.Task task = progress.start(activity, tables.size(), ProgressUnit.ITEMS)) {
            for (SchemaEntry table : tables) {
                hashes.put(table.name(), hasher.hash(table));
                task.update(hashes.size());
            }
        }
        return Fingerprint.of(ALGORITHM, schema.hash(), facts.schemaVersion(), hashes);
    }
}
