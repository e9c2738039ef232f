package dev.lifeboat.cli.command;

import dev.lifeboat.cli.output.PrivateFile;
import dev.lifeboat.domain.error.InsufficientSpaceException;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.Compression;
import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.port.in.ExportBackupCommand;
import dev.lifeboat.domain.port.in.ExportBackupUseCase;
import dev.lifeboat.domain.port.in.ExportReport;
import dev.lifeboat.domain.spi.NonClosingOutputStream;
import dev.lifeboat.domain.spi.SqlExportContent;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lifeboat export}: a backup as a plain SQL script, for sqlite3 or psql with no lifeboat. */
@Command(name = "export", mixinStandardHelpOptions = true,
        header = "Write a backup as a plain SQL script that sqlite3 or psql loads into an empty database.",
        description = {"Write a backup as a plain SQL script, on stdout (so it pipes) or into a file with -o. "
                + "Nothing is connected to: the script is made from the archive alone, reading it as a stream.",
                "SQLite: load with 'sqlite3 NEW.db < FILE' (also with SQLite's defensive mode on). The script keeps "
                + "page_size, auto_vacuum, encoding, user_version and application_id (PRAGMAs at its top, so they "
                + "apply to a new file), the rowids of tables without an INTEGER PRIMARY KEY and sqlite_sequence; "
                + "full-text tables are created with CREATE VIRTUAL TABLE and filled (or rebuilt), never by writing "
                + "their shadow tables.",
                "PostgreSQL: load with 'psql -v ON_ERROR_STOP=1 --single-transaction -f FILE' into an empty "
                + "database, as the output of 'pg_dump' (--no-owner and --no-privileges as its -O and -x). Rows are "
                + "COPY ... FROM stdin blocks; sequence values, indexes, keys and triggers follow the rows. "
                + "Statements that may hold a secret (database and role settings, user mappings, subscriptions) "
                + "are left out, with a warning: 'lifeboat restore' brings them back.",
                "-o writes the file readable by its owner only, atomically: it appears whole or not at all, and "
                + "replaces an existing file only once the script is complete."},
        footer = {"", "Examples:",
                "  lifeboat export latest:app | sqlite3 app-copy.db",
                "  lifeboat export --gzip -o shop.sql.gz latest:shop",
                "  lifeboat export --no-owner --no-privileges latest:shop | psql -v ON_ERROR_STOP=1 --single-transaction -d shop_copy",
                "  lifeboat export --data-only --table orders latest:app",
                "",
                "--table NAME: SQLite, the named tables with their indexes and triggers and their rows; PostgreSQL, "
                + "the named tables' rows (schema.table, or a table of the public schema), for a database that has "
                + "the schema. An unknown table exits 2; an archive whose engine cannot write SQL exits 8."})
final class ExportCommand extends LifeboatSubcommand implements EngineOptionArguments.Holder {

    @Parameters(index = "0", paramLabel = "BACKUP", description = "An archive name, a path to an archive, latest or latest:NAME.")
    String backup;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the script into FILE (mode 0600), "
            + "not on stdout.")
    Path output;

    @Option(names = "--gzip", description = "Compress the script with gzip (a .sql.gz that gunzip reads).")
    boolean gzip;

    @Option(names = "--zstd", description = "Compress the script with zstd (a .sql.zst that zstd -d reads).")
    boolean zstd;

    final EngineOptionArguments engineOptions = new EngineOptionArguments();

    @Override
    public EngineOptionArguments engineOptions() {
        return engineOptions;
    }

    @Option(names = "--data-only", description = "Only the rows (and sequence values), for a database that has the schema.")
    boolean dataOnly;

    @Option(names = "--schema-only", description = "Only the schema, no rows.")
    boolean schemaOnly;

    @Option(names = "--table", paramLabel = "NAME", description = "Only this table (repeatable); see below.")
    List<String> tables = new ArrayList<>();

    @Mixin
    RepositoryOptions repository;

    @Mixin
    IdentityOption identity;

    private Optional<Path> written = Optional.empty();

    @Override
    public Integer call() {
        if (output == null && super.output.json) {
            throw new InvalidUsageException("--json needs -o FILE: without it, stdout carries the script");
        }
        // a path to an archive is that archive in its directory, as for restore and verify
        CommandContext.ArchiveSelection selection = context().archive(backup, repository);
        ExportBackupCommand command = new ExportBackupCommand(selection.reference(), content(), Set.copyOf(tables),
                engineOptions.values());
        ExportBackupUseCase service = context().useCases().exportBackup(selection.repository(),
                context().scratchFor(selection, repository), context().identityFile(identity, repository));
        ExportReport report = output == null ? toStdout(service, command) : toFile(service, command);
        report.warnings().forEach(this::warn);
        if (super.output.json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("archive", report.archive().name().value());
            document.put("engine", report.engineId());
            document.put("file", written.map(Path::toString).orElse(""));
            document.put("warnings", report.warnings());
            printJson(document);
        } else {
            written.ifPresent(file -> notice("wrote the " + report.engineId() + " script of "
                    + report.archive().name() + " to " + file));
        }
        return 0;
    }

    private SqlExportContent content() {
        if (dataOnly && schemaOnly) {
            throw new InvalidUsageException("--data-only and --schema-only exclude each other");
        }
        return dataOnly ? SqlExportContent.DATA_ONLY : schemaOnly ? SqlExportContent.SCHEMA_ONLY
                : SqlExportContent.SCHEMA_AND_DATA;
    }

    private Optional<CompressionSettings> compression() {
        if (gzip && zstd) {
            throw new InvalidUsageException("--gzip and --zstd exclude each other");
        }
        return gzip ? Optional.of(CompressionSettings.of(Compression.GZIP))
                : zstd ? Optional.of(CompressionSettings.of(Compression.ZSTD)) : Optional.empty();
    }

    private ExportReport toStdout(ExportBackupUseCase service, ExportBackupCommand command) {
        Optional<CompressionSettings> compression = compression();
        OutputStream stdout = new NonClosingOutputStream(context().environment().bytesOut());
        try (OutputStream script = open(stdout, compression)) {
            return service.export(command, script, context().progress(super.output));
        } catch (IOException e) {
            throw new UnavailableException("cannot write the script to stdout: " + e.getMessage(), e);
        }
    }

    /** Into a temporary file beside FILE, readable by its owner only, renamed to FILE once it is complete. */
    private ExportReport toFile(ExportBackupUseCase service, ExportBackupCommand command) {
        Optional<CompressionSettings> compression = compression();
        Path file = context().environment().workingDirectory().resolve(output).normalize();
        if (Files.isDirectory(file)) {
            throw new InvalidUsageException("-o " + output + " is a directory; name a file");
        }
        PrivateFile temporary = PrivateFile.beside(file);
        try {
            ExportReport report;
            try (OutputStream script = open(temporary.open(), compression)) {
                report = service.export(command, script, context().progress(super.output));
            }
            temporary.moveTo(file);
            written = Optional.of(file);
            return report;
        } catch (IOException e) {
            temporary.delete();
            if (InsufficientSpaceException.indicatesFullDisk(e)) {
                throw InsufficientSpaceException.whileWriting("cannot write " + file + ": the disk is full", e);
            }
            throw new UnavailableException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            temporary.delete();
            throw e;
        }
    }

    private OutputStream open(OutputStream sink, Optional<CompressionSettings> compression) throws IOException {
        if (compression.isPresent()) {
            return context().adapters().codec().compressing(compression.get(), sink);
        }
        return new BufferedOutputStream(sink, 1 << 16);
    }
}
