package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.contract.InMemoryParts;
import dev.lifeboat.domain.model.DatabaseDescription;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.SourceInfo;
import dev.lifeboat.domain.model.TableInfo;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RestoreJob;
import dev.lifeboat.domain.spi.RestoreOutcome;
import dev.lifeboat.domain.spi.ScratchSpace;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema that holds every object kind and every type family, backed up and restored on the oldest and the newest
 * supported server and across them: the restore has the same rows, fingerprint and schema description, and, where a
 * pg_dump able to dump both servers is installed, the same pg_dump --schema-only.
 */
class RoundTripTest {

    private final PostgresEngine engine = new PostgresEngine();

    static Stream<Arguments> servers() {
        return Stream.of(
                Arguments.of(PostgresServers.Version.OLDEST, PostgresServers.Version.OLDEST),
                Arguments.of(PostgresServers.Version.NEWEST, PostgresServers.Version.NEWEST),
                Arguments.of(PostgresServers.Version.OLDEST, PostgresServers.Version.NEWEST));
    }

    @ParameterizedTest(name = "PostgreSQL {0} to {1}")
    @MethodSource("servers")
    void everything_round_trips(PostgresServers.Version from, PostgresServers.Version to) throws Exception {
        PostgresServers.TestServer source = PostgresServers.server(from);
        PostgresServers.TestServer target = PostgresServers.server(to);
        String sourceDatabase = source.createDatabase("everything");
        TestSchemas.loadEverything(source, sourceDatabase);
        DatabaseLocation sourceLocation = DatabaseLocation.parse(source.url(sourceDatabase));
        InMemoryParts parts = new InMemoryParts();

        EngineBackup backup = engine.backup(new BackupJob(sourceLocation, Map.of("jobs", "2"), parts, noScratch(),
                Progress.NONE));

        assertThat(backup.warnings()).isEmpty();
        DatabaseDescription described = engine.describe(sourceLocation);
        assertThat(backup.description().tables()).containsExactlyInAnyOrderElementsOf(described.tables());
        assertThat(described.tables()).hasSizeGreaterThanOrEqualTo(15).allSatisfy(table -> assertThat(table.rows())
                .as(table.name()).isPositive());
        assertThat(backup.fingerprint()).isEqualTo(engine.fingerprint(sourceLocation, Progress.NONE));

        String targetDatabase = PostgresServers.uniqueName("restored");
        DatabaseLocation targetLocation = DatabaseLocation.parse(target.url(targetDatabase));
        RestoreOutcome outcome = engine.restore(new RestoreJob(manifest(backup, parts), parts, targetLocation, false,
                Optional.empty(), Map.of("jobs", "2"), Progress.NONE));

        assertThat(outcome.checks()).isNotEmpty();
        assertThat(engine.fingerprint(targetLocation, Progress.NONE)).isEqualTo(backup.fingerprint());
        assertThat(rows(engine.describe(targetLocation))).isEqualTo(rows(described));
        int sourceMajor = source.majorVersion();
        Optional<PgDump> pgDump = PgDump.forServer(target).filter(dump -> dump.major() >= sourceMajor);
        if (System.getenv("LIFEBOAT_REQUIRE_PG_DUMP") != null && from == to
                && from == PostgresServers.Version.OLDEST) {
            assertThat(pgDump).as("a pg_dump able to dump PostgreSQL %d (.ci/run installs one)", sourceMajor)
                    .isPresent();
        }
        if (pgDump.isPresent()) {
            String expected = PgDump.forServer(source).orElseThrow().everything(sourceDatabase);
            String actual = pgDump.get().everything(targetDatabase);
            assertThat(actual).as(PgDump.differences(expected, actual)).isEqualTo(expected);
        }
    }

    private static Map<String, Long> rows(DatabaseDescription description) {
        Map<String, Long> rows = new TreeMap<>();
        for (TableInfo table : description.tables()) {
            rows.put(table.name(), table.rows());
        }
        return rows;
    }

    static Manifest manifest(EngineBackup backup, InMemoryParts parts) {
        return new Manifest(1, "test", Instant.parse("2026-11-29T00:00:00Z"), PostgresEngine.ID,
                backup.description().engineVersion(), SourceInfo.from(backup.description()), Optional.empty(),
                backup.fingerprint(), new TreeMap<>(), parts.parts(), backup.warnings());
    }

    /** The PostgreSQL engine streams; it never asks for scratch files. */
    static ScratchSpace noScratch() {
        return new ScratchSpace() {
            @Override
            public Path newFile(String purpose) {
                throw new AssertionError("the PostgreSQL engine asked for a scratch file: " + purpose);
            }

            @Override
            public void close() {
            }
        };
    }
}
