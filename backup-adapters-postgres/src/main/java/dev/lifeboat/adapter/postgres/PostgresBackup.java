package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.catalog.SchemaOptions;
import dev.lifeboat.adapter.postgres.catalog.SchemaReader;
import dev.lifeboat.adapter.postgres.catalog.SchemaScript;
import dev.lifeboat.adapter.postgres.catalog.SchemaStatement;
import dev.lifeboat.adapter.postgres.catalog.StatementPhase;
import dev.lifeboat.adapter.postgres.catalog.TableData;
import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.model.DatabaseDescription;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.PartRole;
import dev.lifeboat.domain.model.TableFingerprint;
import dev.lifeboat.domain.model.TableInfo;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.PartSink;
import dev.lifeboat.domain.spi.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Takes one backup: schema from the catalogs, every table's rows by text COPY and the large objects, all from one
 * snapshot, the rows copied by {@code --jobs} workers sharing the leader's exported snapshot. Row counts and
 * fingerprint are computed from the very bytes written to the archive.
 */
final class PostgresBackup {

    private final PostgresLocation location;
    private final EngineOptions options;

    PostgresBackup(PostgresLocation location, EngineOptions options) {
        this.location = location;
        this.options = options;
    }

    EngineBackup run(BackupJob job) {
        String doing = "backing up " + location.display();
        try (SnapshotSession session = SnapshotSession.begin(location)) {
            Connection leader = session.leader();
            SchemaOptions schemaOptions = new SchemaOptions(options.owners(), options.privileges());
            SchemaReader reader = new SchemaReader(leader, schemaOptions);
            session.lock(reader.relationsToLock(), options.lockTimeout());
            ServerFacts facts = ServerFacts.read(leader);
            SchemaScript script = reader.read();
            List<String> warnings = unsupportedObjects(script);
            requireRestorableNames(script.tables());

            writeSchema(job.sink(), ArchiveLayout.PRE_DATA, PartRole.PRE_DATA, script.statements(), true);
            Map<String, TableFingerprint> tables = copyTables(session, script.tables(), job.sink(), job.progress());
            LargeObjectsOut.Summary largeObjects = LargeObjectsOut.write(leader, schemaOptions, job.sink(),
                    job.progress());
            writeSchema(job.sink(), ArchiveLayout.POST_DATA, PartRole.POST_DATA, script.statements(), false);
            try (OutputStream out = job.sink().open(ArchiveLayout.DESCRIPTION, PartRole.POST_DATA)) {
                out.write(script.description().getBytes(StandardCharsets.UTF_8));
            }

            Fingerprint fingerprint = Fingerprint.of(ArchiveLayout.FINGERPRINT_ALGORITHM,
                    ArchiveLayout.schemaHash(script.description()), largeObjects.attributes(), tables);
            List<TableInfo> tableInfos = new ArrayList<>();
            tables.forEach((name, table) -> tableInfos.add(new TableInfo(name, table.rows())));
            Map<String, String> properties = new TreeMap<>(facts.properties());
            properties.put(RequiredRoles.PROPERTY,
                    RequiredRoles.of(script.roles()).and(RequiredRoles.of(largeObjects.roles())).format());
            DatabaseDescription description = DatabaseDescription.of(PostgresEngine.ID, facts.serverVersion(),
                    location.database(), location.display(), facts.sizeBytes(), tableInfos, facts.schemaVersion(),
                    properties);
            return new EngineBackup(description, fingerprint, warnings);
        } catch (SQLException e) {
            throw PostgresFailures.of(e, doing);
        } catch (IOException e) {
            throw PostgresFailures.of(e, doing);
        }
    }

    /**
     * Objects the schema script cannot reproduce: a refusal (exit 8), or with --allow-unsupported a warning each, and
     * one for every object left out with them because it depends on one.
     */
    private List<String> unsupportedObjects(SchemaScript script) {
        if (script.unsupported().isEmpty()) {
            return List.of();
        }
        if (!options.allowUnsupported()) {
            int dependents = script.dependents().size();
            throw new IncompatibleException(location.display() + " holds objects lifeboat cannot back up: "
                    + String.join("; ", script.unsupported()) + ". Nothing was written. Back up with "
                    + "--allow-unsupported to leave them out"
                    + (dependents == 0 ? "" : " with the " + dependents + " object" + (dependents == 1 ? "" : "s")
                    + " that depend on them") + ", each recorded as a warning");
        }
        List<String> warnings = new ArrayList<>();
        script.unsupported().forEach(object -> warnings.add(ArchiveNotes.LEFT_OUT + object));
        script.dependents().forEach(object -> warnings.add(ArchiveNotes.LEFT_OUT + object));
        return warnings;
    }

    /**
     * Table names an archive could not bring back: a line break in a table's or column's name (data.psql names each
     * table's COPY on one line, as psql's \copy needs), and two tables that would share one fingerprint entry
     * ({@code "public.a"."b"} and {@code public."a.b"} both read {@code public.a.b}), whose rows no restore could
     * then check. Refused before anything is written (exit 8), naming them: a backup that cannot be restored is not
     * one.
     */
    private void requireRestorableNames(List<TableData> tables) {
        List<String> problems = new ArrayList<>();
        tables.stream().filter(table -> table.copyTarget().indexOf('\n') >= 0 || table.copyTarget().indexOf('\r') >= 0)
                .forEach(table -> problems.add("table " + oneLine(table.table().quoted()) + " has a line break in its "
                        + "name or in a column's"));
        Map<String, List<String>> byFingerprintName = new TreeMap<>();
        tables.forEach(table -> byFingerprintName.computeIfAbsent(table.table().display(), name -> new ArrayList<>())
                .add(oneLine(table.table().quoted())));
        byFingerprintName.forEach((name, sharing) -> {
            if (sharing.size() > 1) {
                problems.add("tables " + String.join(" and ", sharing) + " share the name " + oneLine(name)
                        + " in the fingerprint, which could not tell their rows apart");
            }
        });
        if (!problems.isEmpty()) {
            throw new IncompatibleException(location.display() + " holds tables lifeboat cannot back up so that they "
                    + "restore: " + String.join("; ", problems) + ". Nothing was written. Rename them");
        }
    }

    private static String oneLine(String name) {
        return name.replace("\n", "\\n").replace("\r", "\\r");
    }

    private static void writeSchema(PartSink sink, String name, PartRole role, List<SchemaStatement> statements,
                                    boolean preData) throws IOException {
        List<SchemaStatement> selected = statements.stream()
                .filter(statement -> (statement.phase() == StatementPhase.PRE_DATA) == preData).toList();
        try (OutputStream out = sink.open(name, role)) {
            SchemaFile.write(selected, out);
        }
    }

    /** Copies every table into its own data part, then writes data.psql, which says which part fills which table. */
    private Map<String, TableFingerprint> copyTables(SnapshotSession session, List<TableData> tables, PartSink sink,
                                                     Progress progress) throws SQLException, IOException {
        DataPartNames names = new DataPartNames();
        Map<TableData, String> partNames = new LinkedHashMap<>();
        tables.forEach(table -> partNames.put(table, names.next(table.table())));
        Map<String, TableFingerprint> fingerprints = ParallelCopyOut.run(session, tables, options.jobs(),
                table -> sink.open(partNames.get(table), PartRole.DATA), progress, "backing up " + location.display());
        List<DataScript.Entry> entries = tables.stream()
                .map(table -> new DataScript.Entry(table.copyTarget(), partNames.get(table))).toList();
        try (OutputStream out = sink.open(DataScript.PART_NAME, PartRole.DATA)) {
            DataScript.write(entries, out);
        }
        return fingerprints;
    }
}
