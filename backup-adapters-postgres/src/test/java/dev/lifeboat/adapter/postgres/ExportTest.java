package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.adapter.postgres.PostgresServers.Version;
import dev.lifeboat.domain.contract.InMemoryParts;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.SqlExportContent;
import dev.lifeboat.domain.spi.SqlExportJob;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exports backups as one SQL script, loads it with the installed psql ({@code -v ON_ERROR_STOP=1
 * --single-transaction}, as a user would) into a new database, and compares the result with the source by the
 * witnesses the restore tests use: pg_dump's text of schema and data, and the catalogue snapshot. The "everything"
 * schema on every tested server; the rest on PostgreSQL 15, the newest server the installed pg_dump reads.
 */
class ExportTest {

    /**
     * Kinds whose fixtures have statements that may hold secrets (database settings, user mappings' passwords,
     * subscriptions' connections): left out, with a warning.
     */
    private static final Set<String> WITH_SECRETS = Set.of("database-state", "foreign-data", "subscriptions");

    private final PostgresEngine engine = new PostgresEngine();

    @TempDir
    Path directory;

    private static TestServer server() {
        return PostgresServers.server(Version.PG15);
    }

    static Stream<String> kinds() {
        return KindFixtures.kinds().stream();
    }

    /** The installed psql (15) loads the script into every tested server; pg_dump reads those up to 15. */
    @ParameterizedTest(name = "PostgreSQL {0}")
    @org.junit.jupiter.params.provider.EnumSource(Version.class)
    void the_everything_schema_loads_with_psql_identical_to_its_source(Version version) throws Exception {
        TestServer server = PostgresServers.server(version);
        String source = server.createDatabase("everything");
        TestSchemas.loadEverything(server, source);
        Backup backup = backUp(server, source);
        Path script = directory.resolve("everything.sql");

        List<String> warnings = export(backup, SqlExportContent.SCHEMA_AND_DATA, Set.of(), true, true, script);

        assertThat(warnings).isEmpty();
        String text = Files.readString(script, StandardCharsets.UTF_8);
        assertThat(text).contains("SELECT pg_catalog.set_config('search_path', '', false);", " FROM stdin;\n")
                .doesNotContain("\\restrict", "\\copy");
        assertThat(text.indexOf("CREATE INDEX")).as("indexes after the rows").isGreaterThan(text.lastIndexOf("\n\\.\n"));
        assertThat(text.indexOf("setval(")).as("sequence values after the rows").isGreaterThan(text.lastIndexOf("\n\\.\n"));
        String target = load(server, script);
        Witnesses.assertIdentical(server, source, target);
        assertThat(engine.fingerprint(location(server, target), Progress.NONE)).isEqualTo(backup.fingerprint());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void every_kind_of_object_loads_with_psql_identical_to_its_source(String kind) throws Exception {
        TestServer server = server();
        String source = server.createDatabase(kind.replace('-', '_'));
        KindFixtures.load(server, source, kind);
        Backup backup = backUp(server, source);
        Path script = directory.resolve(kind + ".sql");

        List<String> warnings = export(backup, SqlExportContent.SCHEMA_AND_DATA, Set.of(), true, true, script);

        String target = load(server, script);
        if (WITH_SECRETS.contains(kind)) {
            assertThat(warnings).singleElement().asString().startsWith("left out ")
                    .contains("may hold a secret", "'lifeboat restore' brings them back");
        } else {
            assertThat(warnings).isEmpty();
            Witnesses.assertIdentical(server, source, target);
        }
    }

    @Test
    void without_owners_and_privileges_the_script_names_no_role_and_still_holds_the_data() throws Exception {
        TestServer server = server();
        String source = server.createDatabase("everything");
        TestSchemas.loadEverything(server, source);
        server.execute(source, "DO $$ BEGIN CREATE ROLE export_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO export_reader");
        Backup backup = backUp(server, source);
        Path script = directory.resolve("bare.sql");

        export(backup, SqlExportContent.SCHEMA_AND_DATA, Set.of(), false, false, script);

        assertThat(Files.readAllLines(script)).noneMatch(line -> line.contains(" OWNER TO ")
                || line.startsWith("GRANT ") || line.startsWith("REVOKE ") || line.contains("export_reader"));
        String target = load(server, script);
        assertThat(engine.fingerprint(location(server, target), Progress.NONE)).isEqualTo(backup.fingerprint());
    }

    @Test
    void schema_only_then_data_only_gives_the_same_database() throws Exception {
        TestServer server = server();
        String source = server.createDatabase("everything");
        TestSchemas.loadEverything(server, source);
        Backup backup = backUp(server, source);
        Path schema = directory.resolve("schema.sql");
        Path data = directory.resolve("data.sql");

        export(backup, SqlExportContent.SCHEMA_ONLY, Set.of(), true, true, schema);
        export(backup, SqlExportContent.DATA_ONLY, Set.of(), true, true, data);

        assertThat(Files.readString(schema)).doesNotContain(" FROM stdin;");
        assertThat(Files.readAllLines(data)).noneMatch(line -> line.startsWith("CREATE "));
        String target = load(server, schema);
        // rows into tables whose foreign keys and triggers exist already: as pg_dump --disable-triggers would
        psql(server, target, data, Map.of("PGOPTIONS", "-c session_replication_role=replica"));
        Witnesses.assertIdentical(server, source, target);
    }

    @Test
    void a_table_filter_writes_those_rows_and_an_unknown_table_is_a_usage_error() throws Exception {
        TestServer server = server();
        String source = server.createDatabase("tables");
        server.execute(source, "CREATE SCHEMA \"Sales\"", "CREATE TABLE \"Sales\".\"Order\" (id int, note text)",
                "INSERT INTO \"Sales\".\"Order\" VALUES (1, 'tab\there'), (2, E'back\\\\slash\\nnewline'), (3, NULL)",
                "CREATE TABLE public.other (id int)", "INSERT INTO public.other VALUES (7)");
        Backup backup = backUp(server, source);
        Path script = directory.resolve("rows.sql");

        export(backup, SqlExportContent.SCHEMA_AND_DATA, Set.of("Sales.Order"), true, true, script);

        assertThat(Files.readString(script)).contains("COPY \"Sales\".\"Order\"").doesNotContain("CREATE ", "other");
        String target = server.createDatabase("rows");
        server.execute(target, "CREATE SCHEMA \"Sales\"", "CREATE TABLE \"Sales\".\"Order\" (id int, note text)");
        psql(server, target, script);
        assertThat(server.column(target, "SELECT coalesce(note, 'NULL') FROM \"Sales\".\"Order\" ORDER BY id"))
                .isEqualTo(server.column(source, "SELECT coalesce(note, 'NULL') FROM \"Sales\".\"Order\" ORDER BY id"));
        assertThatThrownBy(() -> export(backup, SqlExportContent.SCHEMA_AND_DATA, Set.of("orders"), true, true,
                directory.resolve("none.sql")))
                .isInstanceOf(InvalidUsageException.class)
                .hasMessage("no table orders in the backup; it has: Sales.Order, public.other");
    }

    private record Backup(Manifest manifest, InMemoryParts parts, EngineBackup backup) {
        dev.lifeboat.domain.model.Fingerprint fingerprint() {
            return backup.fingerprint();
        }
    }

    private Backup backUp(TestServer server, String database) {
        InMemoryParts parts = new InMemoryParts();
        EngineBackup backup = engine.backup(new BackupJob(location(server, database), Map.of("jobs", "2"), parts,
                RoundTripTest.noScratch(), Progress.NONE));
        assertThat(backup.warnings()).as("warnings of the backup").isEmpty();
        return new Backup(RoundTripTest.manifest(backup, parts), parts, backup);
    }

    private List<String> export(Backup backup, SqlExportContent content, Set<String> tables, boolean owners,
                                boolean privileges, Path script) throws IOException {
        try (OutputStream out = Files.newOutputStream(script)) {
            return engine.sqlExport().orElseThrow().export(new SqlExportJob(backup.manifest(), backup.parts(),
                    RoundTripTest.noScratch(), content, tables, options(owners, privileges), out, Progress.NONE));
        }
    }

    /** The engine options of {@code export --no-owner --no-privileges}, as the domain passes them. */
    private static Map<String, String> options(boolean owners, boolean privileges) {
        Map<String, String> options = new java.util.TreeMap<>();
        if (!owners) {
            options.put("no-owner", "true");
        }
        if (!privileges) {
            options.put("no-privileges", "true");
        }
        return options;
    }

    /** Loads a script into a new database with psql, as its header says to. */
    private static String load(TestServer server, Path script) throws Exception {
        String target = server.createDatabase("exported");
        psql(server, target, script);
        return target;
    }

    private static void psql(TestServer server, String database, Path script) throws IOException, InterruptedException {
        psql(server, database, script, Map.of());
    }

    /** Runs psql on a script; it must succeed, and say nothing but the server's warnings. */
    private static void psql(TestServer server, String database, Path script, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction",
                "-h", server.host(), "-p", Integer.toString(server.port()), "-U", server.superuser(), "-d", database,
                "-f", script.toString(), "-o", "/dev/null").redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", server.password());
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("psql finished").isTrue();
        assertThat(process.exitValue()).as("psql said: %s", output).isZero();
        assertThat(output.lines().filter(line -> !line.contains(": WARNING:  ") && !line.startsWith("HINT:  ")))
                .as("psql's messages").isEmpty();
    }

    private static DatabaseLocation location(TestServer server, String database) {
        return DatabaseLocation.parse(server.url(database));
    }
}
