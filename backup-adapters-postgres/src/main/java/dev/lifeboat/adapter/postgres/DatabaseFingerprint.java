package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.catalog.SchemaOptions;
import dev.lifeboat.adapter.postgres.catalog.SchemaReader;
import dev.lifeboat.adapter.postgres.catalog.SchemaScript;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.TableFingerprint;
import dev.lifeboat.domain.spi.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.util.Map;

/**
 * The fingerprint of a database as it is now, computed exactly as a backup computes it (the same snapshot, settings,
 * COPY text and large objects), so a live or restored database compares equal to the backup that holds the same data.
 */
final class DatabaseFingerprint {

    private DatabaseFingerprint() {
    }

    /** A database's fingerprint, and the schema description it hashes. */
    record Measured(Fingerprint fingerprint, String description) {
    }

    static Fingerprint of(PostgresLocation location, int jobs, Progress progress) {
        return measure(location, jobs, progress).fingerprint();
    }

    static Measured measure(PostgresLocation location, int jobs, Progress progress) {
        String doing = "fingerprinting " + location.display();
        try (SnapshotSession session = SnapshotSession.begin(location)) {
            SchemaScript script = new SchemaReader(session.leader(), SchemaOptions.all()).read();
            Map<String, TableFingerprint> tables = ParallelCopyOut.run(session, script.tables(), jobs,
                    table -> OutputStream.nullOutputStream(), progress, doing);
            Map<String, String> largeObjects = LargeObjectsOut.fingerprint(session.leader(), progress).attributes();
            return new Measured(Fingerprint.of(ArchiveLayout.FINGERPRINT_ALGORITHM,
                    ArchiveLayout.schemaHash(script.description()), largeObjects, tables), script.description());
        } catch (SQLException e) {
            throw PostgresFailures.of(e, doing);
        } catch (IOException e) {
            throw PostgresFailures.of(e, doing);
        }
    }
}
