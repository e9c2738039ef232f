package dev.lifeboat.domain.service;

import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.port.in.ExportBackupCommand;
import dev.lifeboat.domain.port.in.ExportBackupUseCase;
import dev.lifeboat.domain.port.in.ExportReport;
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.ArchiveReader;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.DatabaseEngine;
import dev.lifeboat.domain.spi.EngineCommand;
import dev.lifeboat.domain.spi.EngineOptionValues;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.ScratchSpace;
import dev.lifeboat.domain.spi.SqlExport;
import dev.lifeboat.domain.spi.SqlExportJob;
import dev.lifeboat.domain.spi.StoredArchive;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a backup as a plain SQL script: finds the archive (decrypting it when it is encrypted), and has the engine
 * that wrote it stream the script from its parts. The domain sees the script only as bytes.
 */
public final class ExportBackupService implements ExportBackupUseCase {

    private final EngineRegistry engines;
    private final BackupRepository scratchRepository;
    private final ArchiveLookup lookup;

    /**
     * @param archives          where the archives are
     * @param scratchRepository where an engine keeps its scratch copy while it exports
     * @param keys              for encrypted archives
     */
    public ExportBackupService(EngineRegistry engines, ArchiveCodec codec, BackupRepository archives,
                               BackupRepository scratchRepository, ArchiveKeys keys) {
        this.engines = engines;
        this.scratchRepository = scratchRepository;
        this.lookup = new ArchiveLookup(archives, codec, keys);
    }

    @Override
    public ExportReport export(ExportBackupCommand command, OutputStream out, Progress progress) {
        StoredArchive archive = lookup.resolve(command.backup());
        try (ArchiveReader reader = lookup.open(archive)) {
            Manifest manifest = reader.manifest();
            ArchiveLookup.requireOf(command.backup(), archive, manifest);
            DatabaseEngine engine = engines.forArchive(manifest);
            SqlExport export = engine.sqlExport().orElseThrow(() -> new IncompatibleException("the "
                    + engine.displayName() + " engine cannot write a backup as a SQL script; restore it instead"));
            Map<String, String> options = EngineOptionValues.validated(engine, EngineCommand.EXPORT,
                    command.engineOptions());
            List<String> warnings = new ArrayList<>(lookup.takeRemovedLeftovers());
            try (ScratchSpace scratch = scratchRepository.openScratch()) {
                warnings.addAll(export.export(new SqlExportJob(manifest, reader, scratch, command.content(),
                        command.tables(), options, out, progress)));
            }
            out.flush();
            return new ExportReport(archive.info(), engine.id(), warnings);
        } catch (IOException e) {
            throw new UnavailableException("cannot write the script of " + archive.info().name() + ": "
                    + e.getMessage(), e);
        }
    }
}
