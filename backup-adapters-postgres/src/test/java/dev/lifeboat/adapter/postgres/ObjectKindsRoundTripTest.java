package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.adapter.postgres.PostgresServers.Version;
import dev.lifeboat.domain.contract.InMemoryParts;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.reliability.ReliabilityTally;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RestoreJob;
import dev.lifeboat.domain.spi.RestoreOutcome;
import dev.lifeboat.domain.spi.ScratchRestoreJob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of object pg_dump brings back, each in its own fixture ({@link KindFixtures}), backed up and restored on
 * the oldest and the newest tested server, and on every one in the long run ({@code -Dlifeboat.reliability.long=true};
 * each server takes a minute of CI's time, and the servers between the two ends run the everything schema's round trip
 * and export and the catalogue tests in every run): the backup warns of nothing, the restore has the backup's
 * fingerprint, and independent witnesses find the restore identical to its source: pg_dump's text of schema and data
 * where an installed pg_dump can read the server (13 and 15 here), and the catalogue snapshot everywhere. A backup of
 * the oldest server restores on the newest as the same objects made there.
 */
class ObjectKindsRoundTripTest {

    private final PostgresEngine engine = new PostgresEngine();

    static Stream<Arguments> kindsOnTheTestedServers() {
        List<Version> versions = ReliabilityTally.LONG ? List.of(Version.values())
                : List.of(Version.OLDEST, Version.NEWEST);
        return KindFixtures.kinds().stream()
                .flatMap(kind -> versions.stream().map(version -> Arguments.of(kind, version)));
    }

    @ParameterizedTest(name = "{0} on PostgreSQL {1}")
    @MethodSource("kindsOnTheTestedServers")
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

    static Stream<String> kinds() {
        return KindFixtures.kinds().stream();
    }

    /**
     * A backup of the oldest server restored on the newest gives what making the same objects on the newest gives,
     * but where the newer server's defaults changed and the restore keeps what the database relied on: the public
     * schema's owner and privileges (PostgreSQL 15), and how a subscription applies changes (run_as_owner on 16,
     * streaming on 18).
     */
    @ParameterizedTest(name = "{0} from PostgreSQL 13 to 18")
    @MethodSource("kinds")
    void restores_on_the_newest_server_as_if_made_there(String kind) throws Exception {
        TestServer oldest = PostgresServers.oldest();
        TestServer newest = PostgresServers.newest();
        String source = oldest.createDatabase(kind.replace('-', '_'));
        KindFixtures.load(oldest, source, kind);
        String madeOnNewest = newest.createDatabase(kind.replace('-', '_') + "_native");
        KindFixtures.load(newest, madeOnNewest, kind, oldest.majorVersion());
        InMemoryParts parts = new InMemoryParts();
        EngineBackup backup = engine.backup(new BackupJob(location(oldest, source), Map.of(), parts,
                RoundTripTest.noScratch(), Progress.NONE));

        String target = PostgresServers.uniqueName(kind.replace('-', '_') + "_upgraded");
        engine.restore(new RestoreJob(RoundTripTest.manifest(backup, parts), parts, location(newest, target), false,
                Optional.empty(), Map.of(), Progress.NONE));

        assertThat(engine.fingerprint(location(newest, target), Progress.NONE)).isEqualTo(backup.fingerprint());
        CatalogSnapshot expected = Witnesses.snapshot(newest, madeOnNewest).without(ObjectKindsRoundTripTest::keptFromTheOlderServer);
        CatalogSnapshot actual = Witnesses.snapshot(newest, target).without(ObjectKindsRoundTripTest::keptFromTheOlderServer);
        assertThat(actual).as("catalogue snapshot of the upgrade: %s", CatalogSnapshot.differences(expected, actual))
                .isEqualTo(expected);
    }

    /**
     * A deep verification ({@code verify --deep}, {@code backup --verify}) proves every kind: it restores into a
     * scratch database, compares, and drops it, leaving nothing behind (a subscription would keep a database from
     * being dropped, were it not detached first).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void a_deep_verification_restores_it_into_scratch_and_leaves_nothing(String kind) throws Exception {
        TestServer server = PostgresServers.newest();
        String source = server.createDatabase(kind.replace('-', '_'));
        KindFixtures.load(server, source, kind);
        InMemoryParts parts = new InMemoryParts();
        EngineBackup backup = engine.backup(new BackupJob(location(server, source), Map.of(), parts,
                RoundTripTest.noScratch(), Progress.NONE));
        List<String> databasesBefore = databases(server);

        RestoreOutcome verified = engine.restoreToScratch(new ScratchRestoreJob(RoundTripTest.manifest(backup, parts),
                parts, RoundTripTest.noScratch(), Map.of(), Progress.NONE));

        assertThat(verified.checks()).extracting(VerificationCheck::name).contains("fingerprint", "schema");
        assertThat(verified.target()).endsWith("(dropped)");
        assertThat(databases(server)).isEqualTo(databasesBefore);
    }

    private static List<String> databases(TestServer server) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT datname FROM pg_database ORDER BY 1")) {
            while (result.next()) {
                names.add(result.getString(1));
            }
        }
        return names;
    }

    private static boolean keptFromTheOlderServer(String line) {
        return PUBLIC_SCHEMA.matcher(line).find() || line.startsWith("subscription ");
    }

    private static final java.util.regex.Pattern PUBLIC_SCHEMA = java.util.regex.Pattern.compile("\\bschema public\\b");

    private static DatabaseLocation location(TestServer server, String database) {
        return DatabaseLocation.parse(server.url(database));
    }
}
