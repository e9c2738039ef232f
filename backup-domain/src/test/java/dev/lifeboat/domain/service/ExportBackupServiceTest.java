package dev.lifeboat.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lifeboat.domain.error.ExitStatus;
import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.port.in.BackupReference;
import dev.lifeboat.domain.port.in.ExportBackupCommand;
import dev.lifeboat.domain.port.in.ExportReport;
import dev.lifeboat.domain.spi.EngineCommand;
import dev.lifeboat.domain.spi.EngineOption;
import dev.lifeboat.domain.spi.EngineOptionType;
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.ArchiveReader;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.DatabaseEngine;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.ScratchSpace;
import dev.lifeboat.domain.spi.SqlExportContent;
import dev.lifeboat.domain.spi.SqlExportJob;
import dev.lifeboat.domain.spi.StoredArchive;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExportBackupServiceTest {

    private static final String NAME = "shop_2026-11-24T10-58-24Z.lifeboat.tar";

    private final DatabaseEngine engine = mock(DatabaseEngine.class);
    private final ArchiveCodec codec = mock(ArchiveCodec.class);
    private final BackupRepository repository = mock(BackupRepository.class);
    private final StoredArchive stored = mock(StoredArchive.class);
    private final ArchiveReader reader = mock(ArchiveReader.class);
    private final ScratchSpace scratch = mock(ScratchSpace.class);
    private ExportBackupService service;

    @BeforeEach
    void wire() {
        when(engine.id()).thenReturn("sqlite");
        when(engine.displayName()).thenReturn("SQLite");
        when(repository.find(new BackupName(NAME))).thenReturn(Optional.of(stored));
        when(repository.openScratch()).thenReturn(scratch);
        when(stored.info()).thenReturn(Fixtures.archive(NAME));
        when(codec.open(any(), anyString())).thenReturn(reader);
        when(reader.manifest()).thenReturn(Fixtures.manifest("shop", Fixtures.NOW));
        service = new ExportBackupService(new EngineRegistry(List.of(engine)), codec, repository, repository,
                ArchiveKeys.NONE);
    }

    @Test
    void the_engine_writes_the_script_with_what_the_user_asked_and_its_scratch_is_removed() {
        AtomicReference<SqlExportJob> seen = new AtomicReference<>();
        when(engine.sqlExport()).thenReturn(Optional.of(job -> {
            seen.set(job);
            try {
                job.out().write("CREATE TABLE t(x);\n".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return List.of("left out something");
        }));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        when(engine.options()).thenReturn(List.of(EngineOption.of("no-owner", EngineOptionType.FLAG, "no owners.",
                EngineCommand.EXPORT)));

        ExportReport report = service.export(new ExportBackupCommand(BackupReference.parse(NAME),
                SqlExportContent.DATA_ONLY, Set.of("t"), Map.of("no-owner", "TRUE")), out, Progress.NONE);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("CREATE TABLE t(x);\n");
        assertThat(report.engineId()).isEqualTo("sqlite");
        assertThat(report.archive().name().value()).isEqualTo(NAME);
        assertThat(report.warnings()).containsExactly("left out something");
        assertThat(seen.get().content()).isEqualTo(SqlExportContent.DATA_ONLY);
        assertThat(seen.get().tables()).containsExactly("t");
        assertThat(seen.get().options()).as("checked against the declaration, in its one spelling")
                .isEqualTo(Map.of("no-owner", "true"));
        verify(scratch).close();
        verify(reader).close();
    }

    @Test
    void an_engine_that_cannot_write_sql_is_incompatible_and_writes_nothing() {
        when(engine.sqlExport()).thenReturn(Optional.empty());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> service.export(new ExportBackupCommand(BackupReference.parse(NAME),
                SqlExportContent.SCHEMA_AND_DATA, Set.of(), Map.of()), out, Progress.NONE))
                .isInstanceOf(IncompatibleException.class)
                .hasMessage("the SQLite engine cannot write a backup as a SQL script; restore it instead")
                .satisfies(e -> assertThat(((IncompatibleException) e).status()).isEqualTo(ExitStatus.INCOMPATIBLE));
        assertThat(out.size()).isZero();
        verify(repository, never()).openScratch();
    }

    @Test
    void a_blank_table_name_is_a_usage_error() {
        assertThatThrownBy(() -> new ExportBackupCommand(BackupReference.parse("latest"),
                SqlExportContent.SCHEMA_AND_DATA, Set.of(" "), Map.of()))
                .hasMessage("--table needs a table name");
    }

}
