package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.adapter.postgres.PostgresServers.Version;
import dev.lifeboat.domain.contract.InMemoryParts;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.port.out.BackupJob;
import dev.lifeboat.domain.port.out.EngineBackup;
import dev.lifeboat.domain.port.out.Progress;
import dev.lifeboat.domain.port.out.RestoreJob;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of object pg_dump brings back, each in its own fixture ({@link KindFixtures}), backed up and restored
 * on every tested server: the backup warns of nothing, the restore has the backup's fingerprint, and independent
 * witnesses find the restore identical to its source: pg_dump's text of schema and data where an installed pg_dump
 * can read the server (13 and 15 here), and the catalogue snapshot everywhere.
 */
class ObjectKindsRoundTripTest {

    private final PostgresEngine engine = new PostgresEngine();

    static Stream<Arguments> kindsOnEveryServer() {
        return KindFixtures.kinds().stream()
                .flatMap(kind -> Stream.of(Version.values()).map(version -> Arguments.of(kind, version)));
    }

    @ParameterizedTest(name = "{0} on PostgreSQL {1}")
    @MethodSource("kindsOnEveryServer")
    void restores_identical_to_its_source(String kind, Version version) throws Exception {
        TestServer server = PostgresServers.server(version);
        String source = server.createDatabase(kind.replace('-', '_'));
        KindFixtures.load(server, source, kind);
        InMemoryParts parts = new InMemoryParts();

        EngineBackup backup = engine.backup(new BackupJob(location(server, source), Map.of("jobs", "2"), parts,
                RoundTripTest.noScratch(), Progress.NONE));

        assertThat(backup.warnings()).as("warnings of the backup").isEmpty();
        String target = PostgresServers.uniqueName(kind.replace('-', '_') + "_restored");
        engine.restore(new RestoreJob(RoundTripTest.manifest(backup, parts), parts, location(server, target), false,
                Optional.empty(), Map.of("jobs", "2"), Progress.NONE));
        assertThat(engine.fingerprint(location(server, target), Progress.NONE)).isEqualTo(backup.fingerprint());
        Witnesses.assertIdentical(server, source, target);
    }

    private static DatabaseLocation location(TestServer server, String database) {
        return DatabaseLocation.parse(server.url(database));
    }
}
