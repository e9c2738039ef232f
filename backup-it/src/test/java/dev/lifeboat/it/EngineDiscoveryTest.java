package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.BackupRepositoryProvider;
import dev.lifeboat.domain.spi.DatabaseEngine;
import dev.lifeboat.domain.service.EngineRegistry;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The adapters are found the way the command line finds them: by ServiceLoader, never by name. */
class EngineDiscoveryTest {

    @Test
    void service_loader_finds_the_sqlite_engine_by_its_id() {
        List<DatabaseEngine> engines = ServiceLoader.load(DatabaseEngine.class).stream()
                .map(ServiceLoader.Provider::get).toList();

        DatabaseEngine sqlite = new EngineRegistry(engines).byId("sqlite");

        assertThat(sqlite.displayName()).isEqualTo("SQLite");
    }

    @Test
    void service_loader_finds_the_postgres_engine_by_its_id() {
        List<DatabaseEngine> engines = ServiceLoader.load(DatabaseEngine.class).stream()
                .map(ServiceLoader.Provider::get).toList();

        DatabaseEngine postgres = new EngineRegistry(engines).byId("postgresql");

        assertThat(postgres.displayName()).isEqualTo("PostgreSQL");
    }

    @Test
    void exactly_one_archive_codec_and_a_filesystem_repository_are_found() {
        assertThat(ServiceLoader.load(ArchiveCodec.class).stream()).hasSize(1);
        assertThat(ServiceLoader.load(BackupRepositoryProvider.class).stream().map(p -> p.get().id()))
                .contains("filesystem");
    }
}
