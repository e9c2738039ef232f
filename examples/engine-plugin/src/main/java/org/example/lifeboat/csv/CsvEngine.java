package org.example.lifeboat.csv;

import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.error.RefusedException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.DatabaseDescription;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.PartRole;
import dev.lifeboat.domain.model.TableInfo;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.DatabaseEngine;
import dev.lifeboat.domain.spi.DatabaseSummary;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.PartSource;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.Recognition;
import dev.lifeboat.domain.spi.RestoreJob;
import dev.lifeboat.domain.spi.RestoreOutcome;
import dev.lifeboat.domain.spi.ScratchRestoreJob;
import dev.lifeboat.domain.spi.TargetState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A lifeboat engine for a directory of CSV files ({@code csv:/path/to/dir}): each {@code NAME.csv} is a table whose
 * first line is its header. A backup copies every table file into the archive as the part {@code tables/NAME.csv},
 * fingerprinting the same bytes as it copies them; a restore writes the parts into a new directory beside the
 * target, checks their fingerprint, and only then swaps it in with two renames, so a failed restore leaves the target
 * as it was. The files are not locked: stop whatever writes them during a backup.
 *
 * <p>Found by lifeboat with {@link java.util.ServiceLoader} from
 * {@code META-INF/services/dev.lifeboat.domain.spi.DatabaseEngine}, in a jar in the plug-in directory.
 */
public final class CsvEngine implements DatabaseEngine {

    private static final String VERSION = "RFC 4180";

    /** Made by {@link java.util.ServiceLoader}. */
    public CsvEngine() {
    }

    @Override
    public String id() {
        return CsvDirectory.SCHEME;
    }

    @Override
    public String displayName() {
        return "CSV files";
    }

    @Override
    public List<String> locationExamples() {
        return List.of("csv:/srv/exports", "csv:///srv/exports");
    }

    @Override
    public Recognition recognize(DatabaseLocation location) {
        if (!CsvDirectory.isCsvLocation(location)) {
            return Recognition.notRecognized();
        }
        CsvDirectory directory = CsvDirectory.of(location);
        return directory.exists() ? Recognition.recognized()
                : Recognition.unusable("no directory at " + directory.path() + " (csv: names a directory of .csv"
                + " files)");
    }

    @Override
    public Optional<String> databaseName(DatabaseLocation location) {
        return Optional.of(CsvDirectory.of(location).name());
    }

    @Override
    public DatabaseSummary summarize(DatabaseLocation location) {
        CsvDirectory directory = CsvDirectory.of(location);
        return new DatabaseSummary(directory.name(), directory.sizeBytes(), 0);
    }

    @Override
    public DatabaseDescription describe(DatabaseLocation location) {
        CsvDirectory directory = CsvDirectory.of(location);
        CsvFingerprint fingerprint = new CsvFingerprint();
        List<TableInfo> tables = new ArrayList<>();
        long size = 0;
        for (Path file : directory.tableFiles()) {
            try (InputStream in = Files.newInputStream(file)) {
                tables.add(new TableInfo(CsvDirectory.tableName(file), fingerprint.addTable(
                        CsvDirectory.tableName(file), in, file.toString())));
                size += Files.size(file);
            } catch (IOException e) {
                throw new UnavailableException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return description(directory, size, tables);
    }

    @Override
    public EngineBackup backup(BackupJob job) {
        CsvDirectory directory = CsvDirectory.of(job.source());
        CsvFingerprint fingerprint = new CsvFingerprint();
        List<TableInfo> tables = new ArrayList<>();
        long size = 0;
        for (Path file : directory.tableFiles()) {
            String table = CsvDirectory.tableName(file);
            try (InputStream in = Files.newInputStream(file);
                 OutputStream part = job.sink().open(CsvTables.PART_PREFIX + file.getFileName(), PartRole.DATA);
                 CopyingInputStream copying = new CopyingInputStream(in, part)) {
                tables.add(new TableInfo(table, fingerprint.addTable(table, copying, file.toString())));
                copying.drain();
                size += Files.size(file);
            } catch (IOException e) {
                throw new UnavailableException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        List<String> warnings = directory.otherEntries().stream()
                .map(entry -> directory.path().resolve(entry) + " is no table (only *.csv files are) and is not in"
                        + " the backup").toList();
        return new EngineBackup(description(directory, size, tables), fingerprint.result(), warnings);
    }

    @Override
    public TargetState probeTarget(DatabaseLocation target) {
        Path path = CsvDirectory.of(target).path();
        if (!Files.exists(path)) {
            return TargetState.ABSENT;
        }
        try (var entries = Files.list(path)) {
            return entries.findAny().isPresent() ? TargetState.OCCUPIED : TargetState.EMPTY;
        } catch (IOException e) {
            return TargetState.OCCUPIED; // a file, or a directory that cannot be listed: something is there
        }
    }

    @Override
    public RestoreOutcome restore(RestoreJob job) {
        CsvDirectory target = CsvDirectory.of(job.target());
        Path path = target.path();
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new RefusedException(path + " is a file, not a directory of CSV files; restore somewhere else");
        }
        if (probeTarget(job.target()) == TargetState.OCCUPIED && !job.replaceExisting()) {
            throw new RefusedException(target.location() + " already holds CSV tables; restore with --overwrite to"
                    + " replace it");
        }
        Path parent = path.getParent();
        Path staging = parent.resolve("." + target.name() + ".lifeboat-restore-" + UUID.randomUUID());
        Path previous = parent.resolve("." + target.name() + ".lifeboat-replaced-" + UUID.randomUUID());
        try {
            Files.createDirectories(parent);
            List<VerificationCheck> checks = written(job.manifest(), job.parts(), staging);
            if (Files.exists(path)) {
                if (job.targetAsSaved().isPresent()) {
                    List<String> changes = job.targetAsSaved().get().differencesFrom(fingerprint(job.target(),
                            Progress.NONE));
                    if (!changes.isEmpty()) {
                        throw new LockedException(path + " changed after its current data was backed up ("
                                + String.join("; ", changes) + "); nothing was replaced: stop the writers and"
                                + " restore again");
                    }
                }
                move(path, previous);
                try {
                    move(staging, path);
                } catch (IOException e) {
                    move(previous, path);
                    throw e;
                }
                CsvTables.delete(previous);
            } else {
                move(staging, path);
            }
            CsvTables.syncDirectory(parent);
            return new RestoreOutcome(target.location(), checks, List.of());
        } catch (IOException e) {
            throw new UnavailableException("cannot restore into " + path + ": " + e.getMessage(), e);
        } finally {
            removeLeftovers(staging);
        }
    }

    @Override
    public RestoreOutcome restoreToScratch(ScratchRestoreJob job) {
        Path scratch = job.scratch().newFile("csv-tables");
        try {
            Files.delete(scratch); // a fresh name; the tables need a directory there
            List<VerificationCheck> checks = written(job.manifest(), job.parts(), scratch);
            return new RestoreOutcome("scratch copy", checks, List.of());
        } catch (IOException e) {
            throw new UnavailableException("cannot restore into the scratch directory " + scratch + ": "
                    + e.getMessage(), e);
        } finally {
            removeLeftovers(scratch);
        }
    }

    @Override
    public Fingerprint fingerprint(DatabaseLocation location, Progress progress) {
        CsvDirectory directory = CsvDirectory.of(location);
        CsvFingerprint fingerprint = new CsvFingerprint();
        for (Path file : directory.tableFiles()) {
            try (InputStream in = Files.newInputStream(file)) {
                fingerprint.addTable(CsvDirectory.tableName(file), in, file.toString());
            } catch (IOException e) {
                throw new UnavailableException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return fingerprint.result();
    }

    /** Writes the parts into a new directory and checks that they are the data backed up. */
    private static List<VerificationCheck> written(Manifest manifest, PartSource parts, Path directory)
            throws IOException {
        Fingerprint restored = CsvTables.write(manifest, parts, directory);
        List<String> differences = manifest.fingerprint().differencesFrom(restored);
        if (!differences.isEmpty()) {
            throw new VerificationFailedException("the restored tables differ from the backup: "
                    + String.join("; ", differences));
        }
        return List.of(VerificationCheck.passed("checksums", manifest.parts().size() + " parts read to their end"),
                VerificationCheck.passed("fingerprint", restored.tables().size() + " tables, " + restored.totalRows()
                        + " rows match the backup"));
    }

    private static DatabaseDescription description(CsvDirectory directory, long size, List<TableInfo> tables) {
        return DatabaseDescription.of(CsvDirectory.SCHEME, VERSION, directory.name(), directory.location(), size,
                tables, Map.of(), Map.of("encoding", "UTF-8"));
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + from + " to " + to + " in one step", e);
        }
    }

    /** Removes a staging or scratch directory: after a failure too, so nothing is left behind. */
    private static void removeLeftovers(Path directory) {
        try {
            CsvTables.delete(directory);
        } catch (IOException e) {
            throw new UnavailableException("cannot remove " + directory + ": " + e.getMessage(), e);
        }
    }
}
