package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.contract.InMemoryParts;
import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.error.RefusedException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.model.SourceInfo;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.PartSource;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RestoreJob;
import dev.lifeboat.domain.spi.RestoreOutcome;
import dev.lifeboat.domain.spi.TargetState;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A restore that cannot finish leaves the target exactly as it was and no scratch database behind; one that
 * finishes keeps the replaced database unless told to drop it.
 */
class RestoreSafetyTest {

    private final PostgresServers.TestServer server = PostgresServers.newest();
    private final PostgresEngine engine = new PostgresEngine();

    @Test
    void a_connection_to_the_target_blocks_the_swap_and_nothing_changes() throws Exception {
        Backup backup = backupOf(sample("source", 100));
        String target = sample("busy", 7);
        DatabaseLocation targetLocation = location(target);
        Fingerprint before = engine.fingerprint(targetLocation, Progress.NONE);

        try (Connection application = server.connect(target)) {
            assertThatThrownBy(() -> engine.restore(restoreJob(backup, targetLocation, true, Map.of())))
                    .isInstanceOf(LockedException.class)
                    .hasMessageContaining("1 other connection to " + target)
                    .hasMessageContaining("Nothing was changed");
            assertThat(application.isValid(2)).as("the application's connection was left alone").isTrue();
        }

        assertThat(engine.fingerprint(targetLocation, Progress.NONE)).isEqualTo(before);
        assertThat(databasesLike(target + "%")).containsExactly(target);
    }

    @Test
    void a_missing_role_stops_the_restore_before_anything_is_loaded_naming_every_one() throws Exception {
        String source = sample("owned", 10);
        server.execute("postgres", "DO $$ BEGIN CREATE ROLE lifeboat_test_gone; CREATE ROLE lifeboat_test_gone_too; "
                + "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        server.execute(source, "ALTER TABLE items OWNER TO lifeboat_test_gone",
                "GRANT SELECT ON items TO lifeboat_test_gone_too");
        Backup backup = backupOf(source);
        server.execute(source, "ALTER TABLE items OWNER TO postgres", "REVOKE ALL ON items FROM lifeboat_test_gone_too");
        server.execute("postgres", "DROP ROLE lifeboat_test_gone", "DROP ROLE lifeboat_test_gone_too");
        String target = PostgresServers.uniqueName("refused");

        assertThatThrownBy(() -> engine.restore(restoreJob(backup, location(target), false, Map.of())))
                .isInstanceOf(IncompatibleException.class)
                .hasMessageContaining("roles lifeboat_test_gone (owner, privileges), lifeboat_test_gone_too (privileges)")
                .hasMessageContaining("nothing was loaded")
                .hasMessageContaining("--no-owner and --no-privileges");
        assertThat(databasesLike(target + "%")).isEmpty();
        assertThatThrownBy(() -> engine.restore(restoreJob(backup, location(target), false,
                Map.of("no-privileges", "true"))))
                .isInstanceOf(IncompatibleException.class)
                .hasMessageContaining("role lifeboat_test_gone (owner), which");
        assertThat(databasesLike(target + "%")).isEmpty();

        RestoreOutcome bare = engine.restore(restoreJob(backup, location(target), false,
                Map.of("no-owner", "true", "no-privileges", "true")));
        assertThat(bare.checks()).isNotEmpty();
        assertThat(engine.fingerprint(location(target), Progress.NONE)).isEqualTo(backup.result().fingerprint());
    }

    @Test
    void a_statement_the_target_refuses_stops_the_restore_naming_it_and_changes_nothing() throws Exception {
        String source = sample("owned", 10);
        server.execute("postgres", "DO $$ BEGIN CREATE ROLE lifeboat_test_gone; EXCEPTION WHEN duplicate_object "
                + "THEN NULL; END $$");
        server.execute(source, "ALTER TABLE items OWNER TO lifeboat_test_gone");
        Backup backup = backupOf(source);
        server.execute(source, "ALTER TABLE items OWNER TO postgres");
        server.execute("postgres", "DROP ROLE lifeboat_test_gone");
        String target = PostgresServers.uniqueName("refused");
        // an archive of a lifeboat that did not yet record the roles it needs: the server refuses the statement
        Manifest manifest = RoundTripTest.manifest(backup.result(), backup.parts());
        Map<String, String> properties = new java.util.TreeMap<>(manifest.source().properties());
        properties.remove(RequiredRoles.PROPERTY);
        SourceInfo info = manifest.source();
        Manifest older = new Manifest(manifest.formatVersion(), manifest.toolVersion(), manifest.createdAt(),
                manifest.engineId(), manifest.engineVersion(), new SourceInfo(info.location(),
                info.databaseName(), info.sizeBytes(), info.schemaVersion(), new java.util.TreeMap<>(properties)),
                manifest.label(), manifest.fingerprint(), manifest.options(), manifest.parts(), manifest.warnings());

        assertThatThrownBy(() -> engine.restore(new RestoreJob(older, backup.parts(), location(target), false,
                Optional.empty(), Map.of(), Progress.NONE)))
                .isInstanceOf(IncompatibleException.class)
                .hasMessageContaining("lifeboat_test_gone")
                .hasMessageContaining("does not exist")
                .hasMessageContaining("OWNER TO");
        assertThat(databasesLike(target + "%")).isEmpty();

        RestoreOutcome withoutOwners = engine.restore(restoreJob(backup, location(target), false,
                Map.of("no-owner", "true")));
        assertThat(withoutOwners.checks()).isNotEmpty();
        assertThat(engine.fingerprint(location(target), Progress.NONE)).isEqualTo(backup.result().fingerprint());
    }

    @Test
    void an_overwrite_keeps_the_replaced_database_unless_told_to_drop_it() throws Exception {
        Backup backup = backupOf(sample("source", 30));
        String target = sample("kept", 5);
        Fingerprint old = engine.fingerprint(location(target), Progress.NONE);

        RestoreOutcome kept = engine.restore(restoreJob(backup, location(target), true, Map.of()));

        assertThat(engine.fingerprint(location(target), Progress.NONE)).isEqualTo(backup.result().fingerprint());
        List<String> previous = databasesLike(target + "_before_restore_%");
        assertThat(previous).hasSize(1);
        assertThat(engine.fingerprint(location(previous.get(0)), Progress.NONE)).isEqualTo(old);
        assertThat(kept.warnings()).anySatisfy(warning -> assertThat(warning).contains(previous.get(0)));

        server.execute("postgres", "DROP DATABASE " + previous.get(0));
        engine.restore(restoreJob(backup, location(target), true, Map.of("drop-previous", "true")));
        assertThat(databasesLike(target + "%")).containsExactly(target);
    }

    /**
     * A database counts as empty only when it holds nothing a user made: a large object alone, a collation, an
     * operator, a text search configuration or a setting is data that a restore without --overwrite must not drop.
     * Temporary schemas a session left behind are nothing.
     */
    @ParameterizedTest(name = "PostgreSQL {0}")
    @EnumSource(PostgresServers.Version.class)
    void a_database_holding_only_objects_outside_tables_is_not_empty(PostgresServers.Version version)
            throws Exception {
        PostgresServers.TestServer on = PostgresServers.server(version);
        String fresh = on.createDatabase("fresh");
        try (Connection session = on.connect(fresh); Statement statement = session.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE scratch (id integer DEFAULT 1 PRIMARY KEY)");
        }
        assertThat(engine.probeTarget(DatabaseLocation.parse(on.url(fresh)))).isEqualTo(TargetState.EMPTY);
        for (String object : List.of("SELECT pg_catalog.lo_from_bytea(0, '\\x01'::bytea)",
                "CREATE COLLATION public.binary (locale = 'C')",
                "CREATE OPERATOR public.=== (LEFTARG = integer, RIGHTARG = integer, FUNCTION = pg_catalog.int4eq)",
                "CREATE TEXT SEARCH CONFIGURATION public.plain (COPY = pg_catalog.simple)",
                "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET work_mem = ''8MB''', current_database()); END $$")) {
            String database = on.createDatabase("holding");
            on.execute(database, object);
            assertThat(engine.probeTarget(DatabaseLocation.parse(on.url(database)))).as(object)
                    .isEqualTo(TargetState.OCCUPIED);
        }
    }

    @Test
    void a_database_holding_only_a_large_object_is_not_replaced_without_overwrite() throws Exception {
        Backup backup = backupOf(sample("source", 3));
        String target = server.createDatabase("large_object_only");
        server.execute(target, "SELECT pg_catalog.lo_from_bytea(4242, '\\x2a'::bytea)");

        assertThatThrownBy(() -> engine.restore(restoreJob(backup, location(target), false, Map.of())))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("--overwrite");

        assertThat(databasesLike(target + "%")).containsExactly(target);
        assertThat(RestoreScenes.single(server, target, "SELECT pg_catalog.encode(pg_catalog.lo_get(4242), 'hex')"))
                .isEqualTo("2a");
    }

    @Test
    void an_empty_target_written_to_during_the_restore_is_kept_not_dropped() throws Exception {
        Backup backup = backupOf(sample("filling", 50));
        String target = server.createDatabase("empty");
        DatabaseLocation targetLocation = location(target);
        PartSource writingMeanwhile = new PartSource() {
            @Override
            public List<PartInfo> parts() {
                return backup.parts().parts();
            }

            @Override
            public InputStream open(String partName) {
                // an application writes to the empty target while the rows load
                try {
                    server.execute(target, "CREATE TABLE IF NOT EXISTS written_meanwhile (note text)",
                            "INSERT INTO written_meanwhile SELECT 'the only copy' WHERE NOT EXISTS "
                                    + "(SELECT 1 FROM written_meanwhile)");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                return backup.parts().open(partName);
            }

            @Override
            public InputStream openBeforeArchiveCheck(String partName) {
                return backup.parts().open(partName);
            }

            @Override
            public void requireIntact() {
            }
        };

        RestoreOutcome outcome = engine.restore(new RestoreJob(RoundTripTest.manifest(backup.result(),
                backup.parts()), writingMeanwhile, targetLocation, false, Optional.empty(), Map.of(), Progress.NONE));

        assertThat(engine.fingerprint(targetLocation, Progress.NONE)).isEqualTo(backup.result().fingerprint());
        List<String> kept = databasesLike(target + "_before_restore_%");
        assertThat(kept).singleElement();
        assertThat(RestoreScenes.single(server, kept.get(0), "SELECT note FROM written_meanwhile"))
                .isEqualTo("the only copy");
        assertThat(outcome.warnings()).anyMatch(warning -> warning.contains("something was written to it meanwhile")
                && warning.contains(kept.get(0)));
    }

    /**
     * The replaced database is checked against its safety backup after the swap, while the restored one already has
     * its name: when both were written to, the old one is put back and the restored one, with what was written to
     * it, is kept under a name of its own instead of being dropped.
     */
    @Test
    void when_both_the_replaced_and_the_restored_database_were_written_to_neither_write_is_lost() throws Exception {
        Backup backup = backupOf(sample("both_source", 40));
        String target = sample("both", 6);
        Fingerprint saved = engine.fingerprint(location(target), Progress.NONE);
        server.execute(target, "UPDATE items SET name = 'after the safety backup' WHERE id = 1");
        List<String> written = new ArrayList<>();
        Progress writingToTheRestored = (activity, total, unit) -> {
            if (activity.startsWith("checking " + target + "_before_restore_") && written.isEmpty()) {
                try {
                    server.execute(target, "INSERT INTO items VALUES (1000, 'written to the restored one')");
                    written.add("the restored one");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            return done -> { };
        };

        assertThatThrownBy(() -> engine.restore(new RestoreJob(RoundTripTest.manifest(backup.result(),
                backup.parts()), backup.parts(), location(target), true, Optional.of(saved), Map.of(),
                writingToTheRestored)))
                .isInstanceOf(LockedException.class)
                .hasMessageContaining("put back, not replaced")
                .hasMessageContaining("kept as " + target + "_restored_");

        assertThat(written).as("the restored database was written to during the check").hasSize(1);
        assertThat(RestoreScenes.single(server, target, "SELECT name FROM items WHERE id = 1"))
                .isEqualTo("after the safety backup");
        List<String> aside = databasesLike(target + "_restored_%");
        assertThat(aside).singleElement();
        assertThat(RestoreScenes.single(server, aside.get(0), "SELECT name FROM items WHERE id = 1000"))
                .isEqualTo("written to the restored one");
        assertThat(databasesLike(target + "_before_restore_%")).isEmpty();
    }

    @Test
    void the_schema_is_read_before_the_archive_check_but_nothing_replaced_before_it_passed() throws Exception {
        Backup backup = backupOf(sample("unchecked", 50));
        String target = sample("unchecked_target", 3);
        DatabaseLocation targetLocation = location(target);
        Fingerprint before = engine.fingerprint(targetLocation, Progress.NONE);
        List<String> readEarly = new ArrayList<>();
        List<String> readToTheCheck = new ArrayList<>();
        PartSource failingTheArchiveCheck = new PartSource() {
            @Override
            public List<PartInfo> parts() {
                return backup.parts().parts();
            }

            @Override
            public InputStream open(String partName) {
                readToTheCheck.add(partName);
                return backup.parts().open(partName);
            }

            @Override
            public InputStream openBeforeArchiveCheck(String partName) {
                readEarly.add(partName);
                return backup.parts().open(partName);
            }

            @Override
            public void requireIntact() {
                throw new VerificationFailedException("the archive does not match its sidecar");
            }
        };

        assertThatThrownBy(() -> engine.restore(new RestoreJob(RoundTripTest.manifest(backup.result(), backup.parts()),
                failingTheArchiveCheck, targetLocation, true, Optional.empty(), Map.of(), Progress.NONE)))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("does not match its sidecar");

        assertThat(readEarly).as("the small parts read before anything is loaded").contains(ArchiveLayout.PRE_DATA,
                ArchiveLayout.POST_DATA, ArchiveLayout.DESCRIPTION, DataScript.PART_NAME);
        assertThat(readToTheCheck).as("the rows wait for the archive's check at their end").isNotEmpty()
                .doesNotContainAnyElementsOf(readEarly);
        assertThat(engine.fingerprint(targetLocation, Progress.NONE)).isEqualTo(before);
        assertThat(databasesLike(target + "%")).containsExactly(target);
    }

    private record Backup(EngineBackup result, InMemoryParts parts) {
    }

    private Backup backupOf(String database) {
        InMemoryParts parts = new InMemoryParts();
        EngineBackup result = engine.backup(new BackupJob(location(database), Map.of(), parts,
                RoundTripTest.noScratch(), Progress.NONE));
        return new Backup(result, parts);
    }

    private RestoreJob restoreJob(Backup backup, DatabaseLocation target, boolean replace, Map<String, String> options) {
        return new RestoreJob(RoundTripTest.manifest(backup.result(), backup.parts()), backup.parts(), target, replace,
                Optional.empty(), options, Progress.NONE);
    }

    private String sample(String prefix, int rows) throws SQLException {
        String database = server.createDatabase(prefix);
        server.execute(database, "CREATE TABLE items (id integer PRIMARY KEY, name text)",
                "INSERT INTO items SELECT i, 'item ' || i FROM generate_series(1, " + rows + ") i");
        return database;
    }

    private DatabaseLocation location(String database) {
        return DatabaseLocation.parse(server.url(database));
    }

    private List<String> databasesLike(String pattern) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '"
                     + pattern.replace("_", "\\_") + "' ORDER BY datname")) {
            while (result.next()) {
                names.add(result.getString(1));
            }
        }
        return names;
    }
}
