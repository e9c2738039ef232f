package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.domain.contract.InMemoryParts;
import dev.lifeboat.domain.error.ExitStatus;
import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RestoreJob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A base type whose functions live in a C library: the backup needs nothing of the library, and a restore onto a
 * server without it stops with exit 8 naming the library, before anything takes the target's name.
 */
class MissingLibraryTest {

    private final TestServer server = PostgresServers.oldest();
    private final PostgresEngine engine = new PostgresEngine();

    @Test
    void a_restore_without_the_types_library_fails_naming_it_and_succeeds_once_it_is_back() throws Exception {
        ServerFiles files = ServerFiles.of(server);
        String library = PostgresServers.uniqueName("lifeboat_seg");
        files.copyLibrary("seg", library);
        try {
            String source = server.createDatabase("library");
            server.execute(source, "CREATE SCHEMA geo", "CREATE TYPE geo.interval_seg",
                    "CREATE FUNCTION geo.seg_in(cstring) RETURNS geo.interval_seg AS '$libdir/" + library
                            + "', 'seg_in' LANGUAGE C IMMUTABLE STRICT",
                    "CREATE FUNCTION geo.seg_out(geo.interval_seg) RETURNS cstring AS '$libdir/" + library
                            + "', 'seg_out' LANGUAGE C IMMUTABLE STRICT",
                    "CREATE TYPE geo.interval_seg (INPUT = geo.seg_in, OUTPUT = geo.seg_out, INTERNALLENGTH = 12)",
                    "CREATE FUNCTION geo.seg_size(geo.interval_seg) RETURNS real AS '$libdir/" + library
                            + "', 'seg_size' LANGUAGE C IMMUTABLE STRICT",
                    "CREATE TABLE geo.spans (id integer PRIMARY KEY, span geo.interval_seg)",
                    "INSERT INTO geo.spans VALUES (1, '1 .. 2.5'), (2, '<3'), (3, NULL)");
            InMemoryParts parts = new InMemoryParts();
            EngineBackup backup = engine.backup(new BackupJob(location(source), Map.of(), parts,
                    RoundTripTest.noScratch(), Progress.NONE));
            assertThat(backup.warnings()).isEmpty();
            String target = PostgresServers.uniqueName("library_restored");

            files.removeLibrary(library);
            assertThatThrownBy(() -> engine.restore(restoreJob(backup, parts, target)))
                    .isInstanceOf(IncompatibleException.class)
                    .hasMessageContaining("$libdir/" + library)
                    .satisfies(failure -> assertThat(((LifeboatException) failure).status().code())
                            .isEqualTo(ExitStatus.INCOMPATIBLE.code()).isEqualTo(8));
            assertThat(databasesLike(target + "%")).as("nothing took the target's name, no scratch left").isZero();

            files.copyLibrary("seg", library);
            engine.restore(restoreJob(backup, parts, target));
            assertThat(engine.fingerprint(location(target), Progress.NONE)).isEqualTo(backup.fingerprint());
            Witnesses.assertIdentical(server, source, target);
        } finally {
            files.removeLibrary(library);
        }
    }

    private RestoreJob restoreJob(EngineBackup backup, InMemoryParts parts, String target) {
        return new RestoreJob(RoundTripTest.manifest(backup, parts), parts, location(target), false, Optional.empty(),
                Map.of(), Progress.NONE);
    }

    private DatabaseLocation location(String database) {
        return DatabaseLocation.parse(server.url(database));
    }

    private long databasesLike(String pattern) throws Exception {
        try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM pg_database WHERE datname LIKE '"
                     + pattern.replace("_", "\\_") + "'")) {
            result.next();
            return result.getLong(1);
        }
    }
}
