package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.adapter.postgres.catalog.Identifiers;
import dev.lifeboat.domain.contract.InMemoryParts;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.PartSource;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RestoreJob;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Large objects: every byte and every OID is in the fingerprint (owners and privileges are not, on purpose) and a
 * restore proves them; one larger than the heap streams through it; owners, privileges and comments come back on every
 * server, and --no-owner and --no-privileges leave them out; a line stays one line whatever a name or a comment holds;
 * many tiny ones back up and restore in reasonable time; and the archive restores by hand with psql.
 */
class LargeObjectsTest {

    private static final String OWNER = "lifeboat_lo_test_owner";
    private static final String READER = "lifeboat_lo_test_reader";
    private static final String ROLES = "DO $$ BEGIN CREATE ROLE " + OWNER + " NOLOGIN; CREATE ROLE " + READER
            + " NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$";
    /** Objects of the sizes where reads and lines split: empty, one byte, around a head's and a line's size. */
    private static final String OBJECTS_OF_EVERY_SIZE = "SELECT lo_from_bytea(1000 + s.n,"
            + " (SELECT COALESCE(string_agg(decode(lpad(to_hex(i), 8, '0'), 'hex'), ''::bytea ORDER BY i), ''::bytea)"
            + " FROM generate_series(1, s.size / 4) i) || decode(repeat('7f', s.size % 4), 'hex'))"
            + " FROM (VALUES (1, 0), (2, 1), (3, 16383), (4, 16384), (5, 16385), (6, 65536), (7, 65537),"
            + " (8, 16384 + 1048576), (9, 16384 + 1048576 + 3)) AS s(n, size)";

    /** Flips the lowest bit of one byte of an object, after its first read and inside its second. */
    private static final String FLIP_ONE_BIT = "SELECT lo_put(1008, 900000, set_byte("
            + "lo_get(1008, 900000, 1), 0, get_byte(lo_get(1008, 900000, 1), 0) # 1))";

    /** Every large object's OID, owner, ACL and comment. */
    private static final String METADATA = "SELECT string_agg(m.oid || ' ' || m.lomowner::regrole || ' '"
            + " || COALESCE(m.lomacl::text, '-') || ' ' || COALESCE(obj_description(m.oid, 'pg_largeobject'), '-'),"
            + " '; ' ORDER BY m.oid) FROM pg_largeobject_metadata m";

    private final PostgresEngine engine = new PostgresEngine();

    @TempDir
    Path work;

    @Test
    void the_fingerprint_changes_with_one_byte_or_one_object_but_not_with_an_owner() throws Exception {
        TestServer server = PostgresServers.newest();
        String database = server.createDatabase("lo_fingerprint");
        server.execute(database, ROLES, OBJECTS_OF_EVERY_SIZE);
        Fingerprint original = fingerprint(server, database);
        assertThat(original.attributes()).containsKey(ArchiveLayout.LARGE_OBJECTS_ATTRIBUTE);
        assertThat(original.attributes().get(ArchiveLayout.LARGE_OBJECTS_ATTRIBUTE)).startsWith("9 objects, ");

        server.execute(database, FLIP_ONE_BIT);
        assertThat(original.differencesFrom(fingerprint(server, database))).as("one bit of one byte changed")
                .singleElement().asString()
                .startsWith(ArchiveLayout.LARGE_OBJECTS_ATTRIBUTE + ": expected 9 objects, ");
        server.execute(database, FLIP_ONE_BIT);
        assertThat(fingerprint(server, database)).as("the bit changed back").isEqualTo(original);

        server.execute(database, "SELECT lo_unlink(1001)");
        assertThat(original.differencesFrom(fingerprint(server, database))).as("an empty object missing")
                .singleElement().asString().contains("expected 9 objects").contains("found 8 objects");

        server.execute(database, "SELECT lo_create(2001)");
        assertThat(original.differencesFrom(fingerprint(server, database))).as("an empty object under another OID")
                .singleElement().asString().contains("found 9 objects");

        server.execute(database, "SELECT lo_unlink(2001)", "SELECT lo_create(1001)",
                "ALTER LARGE OBJECT 1002 OWNER TO " + OWNER, "GRANT SELECT ON LARGE OBJECT 1003 TO " + READER);
        assertThat(fingerprint(server, database)).as("owners and privileges are left out").isEqualTo(original);

        server.execute(database, "COMMENT ON LARGE OBJECT 1004 IS 'now with a comment'");
        assertThat(original.differencesFrom(fingerprint(server, database))).containsExactly("schema differs");
    }

    @Test
    void a_restore_without_the_large_objects_fails_its_verification() throws Exception {
        TestServer server = PostgresServers.newest();
        String source = server.createDatabase("lo_missing");
        server.execute(source, OBJECTS_OF_EVERY_SIZE);
        InMemoryParts parts = new InMemoryParts();
        EngineBackup backup = backup(server, source, parts);
        PartSource withoutLargeObjects = new PartSource() {
            @Override
            public List<PartInfo> parts() {
                return parts.parts().stream().filter(part -> !part.name().equals(ArchiveLayout.LARGE_OBJECTS))
                        .toList();
            }

            @Override
            public InputStream open(String partName) {
                return parts.open(partName);
            }
        };

        String target = PostgresServers.uniqueName("lo_missing_restored");
        assertThatThrownBy(() -> engine.restore(new RestoreJob(RoundTripTest.manifest(backup, parts),
                withoutLargeObjects, location(server, target), false, Optional.empty(), Map.of(), Progress.NONE)))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining(ArchiveLayout.LARGE_OBJECTS_ATTRIBUTE + ": expected 9 objects");
        assertThat(databaseExists(server, target)).isFalse();
    }

    @Test
    void a_large_object_four_times_the_heap_streams_through_it() throws Exception {
        TestServer server = PostgresServers.newest();
        String source = server.createDatabase("lo_heap");
        // 64 MiB in 1,024 pieces of 64 KiB, each piece different
        server.execute(source, "SELECT lo_create(3000)", "DO $$ BEGIN FOR i IN 0..1023 LOOP"
                + " PERFORM lo_put(3000, i * 65536, decode(repeat(md5(i::text), 4096), 'hex')); END LOOP; END $$");
        String target = PostgresServers.uniqueName("lo_heap_restored");

        SmallHeapRoundTrip.Result run = SmallHeapRoundTrip.run(16, server.url(source), server.url(target), work);

        assertThat(run.exitCode()).as(run.output()).isZero();
        String contents = "SELECT length(lo_get(3000)) || ' ' || md5(lo_get(3000))";
        assertThat(single(server, target, contents)).isEqualTo(single(server, source, contents))
                .startsWith((64 << 20) + " ");
    }

    /**
     * Owners, privileges and comments are compared here on every server, the contents by the fingerprint; pg_dump
     * compares them too where it can read the server (ObjectKindsRoundTripTest).
     */
    @ParameterizedTest(name = "PostgreSQL {0}")
    @EnumSource(PostgresServers.Version.class)
    void the_fixture_restores_with_its_owners_privileges_and_comments(PostgresServers.Version version)
            throws Exception {
        TestServer server = PostgresServers.server(version);
        String source = server.createDatabase("lo_fixture");
        KindFixtures.load(server, source, "large-objects");
        InMemoryParts parts = new InMemoryParts();
        EngineBackup backup = backup(server, source, parts);
        String target = PostgresServers.uniqueName("lo_fixture_restored");
        restore(server, backup, parts, target, Map.of());

        assertThat(single(server, target, METADATA)).isEqualTo(single(server, source, METADATA))
                .contains("4294967295 ").contains("lifeboat_kind_lo_reader=w*/");
    }

    @Test
    void no_owner_and_no_privileges_restores_leave_those_lines_out() throws Exception {
        TestServer server = PostgresServers.oldest();
        String source = server.createDatabase("lo_owners");
        server.execute(source, ROLES, "SELECT lo_from_bytea(4000, '\\x01')",
                "SELECT lo_from_bytea(4001, '\\x02')",
                "ALTER LARGE OBJECT 4000 OWNER TO " + OWNER, "GRANT SELECT ON LARGE OBJECT 4000 TO " + READER,
                "GRANT UPDATE ON LARGE OBJECT 4001 TO " + READER + " WITH GRANT OPTION",
                "COMMENT ON LARGE OBJECT 4001 IS 'kept'");
        InMemoryParts parts = new InMemoryParts();
        EngineBackup backup = backup(server, source, parts);
        assertThat(backup.description().properties().get(RequiredRoles.PROPERTY))
                .contains("\"" + OWNER + "\" (owner, privileges)").contains("\"" + READER + "\" (privileges)");

        String everything = PostgresServers.uniqueName("lo_owners_all");
        restore(server, backup, parts, everything, Map.of());
        assertThat(single(server, everything, METADATA)).isEqualTo(single(server, source, METADATA));

        String withoutOwners = PostgresServers.uniqueName("lo_owners_none");
        restore(server, backup, parts, withoutOwners, Map.of("no-owner", "true", "no-privileges", "true"));
        assertThat(single(server, withoutOwners, METADATA)).isEqualTo("4000 " + server.superuser() + " - -; 4001 "
                + server.superuser() + " - kept");

        String withoutPrivileges = PostgresServers.uniqueName("lo_owners_no_privileges");
        restore(server, backup, parts, withoutPrivileges, Map.of("no-privileges", "true"));
        assertThat(single(server, withoutPrivileges, METADATA)).isEqualTo("4000 " + OWNER + " - -; 4001 "
                + server.superuser() + " - kept");
    }

    /**
     * The large objects load in transactions of their own, on a session the restore then uses for what follows them:
     * the sequences' values, the foreign keys, comments and the database's own settings must still be committed.
     */
    @Test
    void what_the_restore_runs_after_the_large_objects_is_committed() throws Exception {
        TestServer server = PostgresServers.newest();
        String source = server.createDatabase("lo_then_keys");
        server.execute(source, "SELECT lo_from_bytea(6000, '\\x2a')",
                "CREATE TABLE parents (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY)",
                "CREATE TABLE children (id integer PRIMARY KEY, parent integer REFERENCES parents)",
                "COMMENT ON TABLE children IS 'after the large objects'",
                "INSERT INTO parents DEFAULT VALUES", "INSERT INTO parents DEFAULT VALUES",
                "INSERT INTO children VALUES (1, 2)", "ALTER DATABASE " + source + " SET work_mem = '7MB'");
        InMemoryParts parts = new InMemoryParts();
        EngineBackup backup = backup(server, source, parts);
        String target = PostgresServers.uniqueName("lo_then_keys_restored");
        restore(server, backup, parts, target, Map.of());

        assertThat(single(server, target, "SELECT pg_catalog.string_agg(conname || ' ' || convalidated, ', ' ORDER BY"
                + " conname) FROM pg_catalog.pg_constraint WHERE contype = 'f'"))
                .isEqualTo("children_parent_fkey true");
        assertThat(single(server, target, "SELECT pg_catalog.obj_description('public.children'::pg_catalog.regclass,"
                + " 'pg_class')")).isEqualTo("after the large objects");
        assertThat(single(server, target, "SELECT last_value || ' ' || is_called FROM public.parents_id_seq"))
                .isEqualTo("2 true");
        assertThat(single(server, target, "SHOW work_mem")).as("the database's own setting").isEqualTo("7MB");
    }

    @Test
    void a_role_name_or_a_comment_with_line_breaks_stays_on_its_line() throws Exception {
        TestServer server = PostgresServers.newest();
        String source = server.createDatabase("lo_lines");
        String role = "lifeboat lo \"odd\" \\\nowner";
        server.execute(source, "DO $$ BEGIN CREATE ROLE " + Identifiers.quote(role)
                + " NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
                "SELECT lo_from_bytea(5000, '\\x2a')",
                "ALTER LARGE OBJECT 5000 OWNER TO " + Identifiers.quote(role),
                "COMMENT ON LARGE OBJECT 5000 IS E'first line\\nsecond, with a \\\\ and a '' \\r\\n'");
        InMemoryParts parts = new InMemoryParts();
        EngineBackup backup = backup(server, source, parts);
        String target = PostgresServers.uniqueName("lo_lines_restored");
        restore(server, backup, parts, target, Map.of());

        assertThat(single(server, target, METADATA)).isEqualTo(single(server, source, METADATA))
                .contains("\nsecond");
    }

    @Test
    void ten_thousand_tiny_large_objects_round_trip() throws Exception {
        TestServer server = PostgresServers.newest();
        String source = server.createDatabase("lo_many");
        server.execute(source, ROLES, "SELECT lo_from_bytea(0, convert_to('object ' || i, 'UTF8'))"
                + " FROM generate_series(1, 10000) i", OBJECTS_OF_EVERY_SIZE,
                "DO $$ DECLARE o oid; BEGIN FOR o IN SELECT m.oid FROM pg_largeobject_metadata m"
                        + " WHERE m.oid::int8 % 7 = 0 LOOP EXECUTE format('ALTER LARGE OBJECT %s OWNER TO "
                        + OWNER + "', o); END LOOP; END $$");
        InMemoryParts parts = new InMemoryParts();
        EngineBackup backup = backup(server, source, parts);
        String script = new String(parts.bytes(ArchiveLayout.LARGE_OBJECTS), StandardCharsets.UTF_8);
        assertThat(script.lines().filter(line -> line.startsWith("SELECT pg_catalog.lo_create(")).count())
                .isEqualTo(10_009);
        assertThat(script.lines().mapToInt(String::length).max().orElseThrow())
                .isLessThanOrEqualTo(2 * LargeObjectScript.LINE_BYTES + 100);

        String target = PostgresServers.uniqueName("lo_many_restored");
        restore(server, backup, parts, target, Map.of());

        String summary = "SELECT count(*) || ' ' || sum(length(lo_get(m.oid))) || ' '"
                + " || count(*) FILTER (WHERE m.lomowner::regrole::text = '" + OWNER + "')"
                + " FROM pg_largeobject_metadata m";
        assertThat(single(server, target, summary)).isEqualTo(single(server, source, summary)).startsWith("10009 ");
    }

    /**
     * The archive of the large-objects fixture, unpacked, restored with psql alone as docs/archive-format.md says,
     * gives the same pg_dump as its source. Where no psql is installed only the requirement of CI is checked.
     */
    @Test
    void the_archive_restores_by_hand_with_psql() throws Exception {
        TestServer server = PostgresServers.server(PostgresServers.Version.PG15);
        Optional<PgDump> pgDump = PgDump.forServer(server);
        if (System.getenv("LIFEBOAT_REQUIRE_PG_DUMP") != null) {
            assertThat(pgDump).as("pg_dump and psql (.ci/run installs them)").isPresent();
        }
        if (pgDump.isEmpty()) {
            return;
        }
        String source = server.createDatabase("lo_by_hand");
        KindFixtures.load(server, source, "large-objects");
        FileParts parts = new FileParts(work);
        engine.backup(new BackupJob(location(server, source), Map.of(), parts, RoundTripTest.noScratch(),
                Progress.NONE));
        String target = server.createDatabase("lo_by_hand_restored");
        Path psql = pgDump.get().executable().resolveSibling("psql");

        psql(psql, server, target, "-f", "schema/pre-data.sql", "-o", "/dev/null");
        psql(psql, server, target, "-f", "data.psql");
        psql(psql, server, target, "-f", "data/large-objects.sql", "-o", "/dev/null");
        psql(psql, server, target, "-f", "schema/post-data.sql", "-o", "/dev/null");

        String expected = pgDump.get().everything(source);
        String actual = pgDump.get().everything(target);
        assertThat(actual).as(PgDump.differences(expected, actual)).isEqualTo(expected);
        assertThat(expected).contains("SELECT pg_catalog.lo_create('424245');");
    }

    private void psql(Path psql, TestServer server, String database, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(psql.toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "--no-password", "-h", server.host(), "-p", Integer.toString(server.port()), "-U", server.superuser(),
                "-d", database));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().remove("PGPASSWORD");
        if (!server.password().isEmpty()) {
            builder.environment().put("PGPASSWORD", server.password());
        }
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("psql %s: %s", String.join(" ", arguments), output).isZero();
        assertThat(output).as("what psql %s printed", String.join(" ", arguments)).isEmpty();
    }

    private Fingerprint fingerprint(TestServer server, String database) {
        return engine.fingerprint(location(server, database), Progress.NONE);
    }

    private EngineBackup backup(TestServer server, String database, InMemoryParts parts) {
        EngineBackup backup = engine.backup(new BackupJob(location(server, database), Map.of(), parts,
                RoundTripTest.noScratch(), Progress.NONE));
        assertThat(backup.warnings()).isEmpty();
        return backup;
    }

    private void restore(TestServer server, EngineBackup backup, InMemoryParts parts, String target,
                         Map<String, String> options) {
        engine.restore(new RestoreJob(RoundTripTest.manifest(backup, parts), parts, location(server, target), false,
                Optional.empty(), options, Progress.NONE));
    }

    private static String single(TestServer server, String database, String query) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getString(1);
        }
    }

    private static boolean databaseExists(TestServer server, String database) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT datname FROM pg_database")) {
            while (result.next()) {
                names.add(result.getString(1));
            }
        }
        return names.contains(database);
    }

    private static DatabaseLocation location(TestServer server, String database) {
        return DatabaseLocation.parse(server.url(database));
    }
}
