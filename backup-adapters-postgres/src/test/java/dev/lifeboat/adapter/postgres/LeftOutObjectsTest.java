package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.adapter.postgres.PostgresServers.Version;
import dev.lifeboat.domain.contract.InMemoryParts;
import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RestoreJob;
import dev.lifeboat.domain.spi.RestoreOutcome;
import dev.lifeboat.domain.spi.ScratchRestoreJob;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What lifeboat still cannot reproduce, every kind of it: objects in a tablespace other than the database's (the
 * tablespace is a directory of the server's machine, which a restore elsewhere cannot count on), and the rarer cases
 * below. Without --allow-unsupported the backup refuses, naming them; with it, they are left out together with
 * everything that depends on them, each named, and the backup restores.
 */
class LeftOutObjectsTest {

    private static final String TABLESPACE = "lifeboat_left_out";

    private final PostgresEngine engine = new PostgresEngine();

    @ParameterizedTest
    @EnumSource(value = Version.class, names = {"PG13", "PG18"})
    void objects_that_cannot_be_reproduced_are_refused_or_left_out_with_their_dependents(Version version)
            throws Exception {
        TestServer server = PostgresServers.server(version);
        createTablespace(server);
        String source = server.createDatabase("left_out");
        server.execute(source, """
                CREATE SCHEMA app;
                CREATE TABLE app.orders (id integer PRIMARY KEY, note text, archived_id integer);
                INSERT INTO app.orders SELECT i, 'order ' || i, i FROM generate_series(1, 20) i;
                CREATE INDEX orders_note ON app.orders (note) TABLESPACE lifeboat_left_out;
                CREATE INDEX orders_id_note ON app.orders (id, note);
                CREATE TABLE app.archived (id integer PRIMARY KEY, note text) TABLESPACE lifeboat_left_out;
                INSERT INTO app.archived SELECT i, 'archived ' || i FROM generate_series(1, 5) i;
                CREATE VIEW app.archived_notes AS SELECT id, note FROM app.archived;
                CREATE VIEW app.archived_count AS SELECT count(*) AS archived FROM app.archived_notes;
                CREATE TABLE app.refs (id integer PRIMARY KEY, archived_id integer REFERENCES app.archived);
                INSERT INTO app.refs VALUES (1, 1), (2, 2);
                CREATE TABLE app.wrapped (id integer, archived app.archived);
                INSERT INTO app.wrapped VALUES (1, ROW(9, 'nine'));
                CREATE FUNCTION app.latest() RETURNS SETOF app.archived LANGUAGE sql
                    AS $$ SELECT * FROM app.archived ORDER BY id DESC LIMIT 1 $$;
                CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
                CREATE TRIGGER archived_touch BEFORE UPDATE ON app.archived FOR EACH ROW EXECUTE FUNCTION app.touch();
                CREATE POLICY archived_all ON app.archived USING (true);
                CREATE MATERIALIZED VIEW app.summary TABLESPACE lifeboat_left_out AS SELECT count(*) AS n FROM app.orders;
                CREATE VIEW app.order_notes AS SELECT id, note FROM app.orders;
                """);
        DatabaseLocation location = DatabaseLocation.parse(server.url(source));

        assertThatThrownBy(() -> engine.backup(job(location, Map.of(), new InMemoryParts())))
                .isInstanceOf(IncompatibleException.class)
                .hasMessageContaining("table app.archived (in tablespace lifeboat_left_out)")
                .hasMessageContaining("index app.orders_note (in tablespace lifeboat_left_out)")
                .hasMessageContaining("materialized view app.summary (in tablespace lifeboat_left_out)")
                .hasMessageContaining("Nothing was written")
                .hasMessageContaining("--allow-unsupported to leave them out with the 8 objects that depend on them");

        InMemoryParts parts = new InMemoryParts();
        EngineBackup backup = engine.backup(job(location, Map.of("allow-unsupported", "true"), parts));

        assertThat(backup.warnings()).containsExactlyInAnyOrder(
                "not in the backup: index app.orders_note (in tablespace lifeboat_left_out)",
                "not in the backup: materialized view app.summary (in tablespace lifeboat_left_out)",
                "not in the backup: table app.archived (in tablespace lifeboat_left_out)",
                "not in the backup: function app.latest() (depends on table app.archived, which is left out)",
                "not in the backup: policy archived_all on app.archived (depends on table app.archived, which is left out)",
                "not in the backup: table app.wrapped (depends on table app.archived, which is left out)",
                "not in the backup: table constraint archived_pkey on app.archived (depends on table app.archived, "
                        + "which is left out)",
                "not in the backup: table constraint refs_archived_id_fkey on app.refs (depends on table app.archived, "
                        + "which is left out)",
                "not in the backup: trigger archived_touch on app.archived (depends on table app.archived, which is "
                        + "left out)",
                "not in the backup: view app.archived_notes (depends on table app.archived, which is left out)",
                "not in the backup: view app.archived_count (depends on view app.archived_notes, which is left out)");
        assertThat(backup.description().tables()).extracting(table -> table.name())
                .containsExactlyInAnyOrder("app.orders", "app.refs");

        String target = PostgresServers.uniqueName("left_out_restored");
        RestoreOutcome restored = engine.restore(new RestoreJob(RoundTripTest.manifest(backup, parts), parts,
                DatabaseLocation.parse(server.url(target)), false, Optional.empty(), Map.of(), Progress.NONE));
        RestoreOutcome verified = engine.restoreToScratch(new ScratchRestoreJob(RoundTripTest.manifest(backup, parts),
                parts, RoundTripTest.noScratch(), Map.of(), Progress.NONE));

        String leftOut = "the backup left out 11 objects lifeboat cannot reproduce (it was made with"
                + " --allow-unsupported), so the restored database lacks them; lifeboat inspect lists them";
        assertThat(restored.warnings()).anySatisfy(warning -> assertThat(warning).contains(leftOut));
        assertThat(verified.warnings()).anySatisfy(warning -> assertThat(warning).contains(leftOut));

        assertThat(server.column(target, "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = 'app' ORDER BY 1"))
                .containsExactly("order_notes", "orders", "orders_id_note", "orders_pkey", "refs", "refs_pkey");
        assertThat(server.column(target, "SELECT count(*)::text FROM app.orders")).containsExactly("20");
        assertThat(server.column(target, "SELECT count(*)::text FROM pg_constraint WHERE contype = 'f'"))
                .containsExactly("0");
        assertThat(server.column(target, "SELECT archived_id::text FROM app.refs ORDER BY id"))
                .containsExactly("1", "2");
    }

    @ParameterizedTest
    @EnumSource(value = Version.class, names = {"PG13", "PG18"})
    void a_partition_left_out_takes_the_foreign_keys_to_its_table_and_an_index_its_replica_identity(Version version)
            throws Exception {
        TestServer server = PostgresServers.server(version);
        createTablespace(server);
        String source = server.createDatabase("left_out_parts");
        server.execute(source, """
                CREATE SCHEMA app;
                CREATE TABLE app.events (id integer, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at)
                    TABLESPACE lifeboat_left_out;
                CREATE TABLE app.events_old PARTITION OF app.events FOR VALUES FROM ('2000-01-01') TO ('2020-01-01');
                CREATE TABLE app.events_new PARTITION OF app.events FOR VALUES FROM ('2020-01-01') TO ('2100-01-01')
                    TABLESPACE pg_default;
                INSERT INTO app.events VALUES (1, '2010-05-05'), (2, '2024-05-05');
                CREATE TABLE app.event_notes (id integer, event_id integer, event_at date,
                    FOREIGN KEY (event_id, event_at) REFERENCES app.events);
                INSERT INTO app.event_notes VALUES (1, 1, '2010-05-05'), (2, 2, '2024-05-05');
                CREATE TABLE app.keyed (id integer NOT NULL, note text);
                CREATE UNIQUE INDEX keyed_id ON app.keyed (id) TABLESPACE lifeboat_left_out;
                ALTER TABLE app.keyed REPLICA IDENTITY USING INDEX keyed_id;
                INSERT INTO app.keyed VALUES (1, 'one');
                """);
        DatabaseLocation location = DatabaseLocation.parse(server.url(source));
        InMemoryParts parts = new InMemoryParts();

        EngineBackup backup = engine.backup(job(location, Map.of("allow-unsupported", "true"), parts));

        assertThat(backup.warnings()).contains(
                "not in the backup: tablespace lifeboat_left_out as the default of new partitions of table app.events",
                "not in the backup: table app.events_old (in tablespace lifeboat_left_out)",
                "not in the backup: index app.keyed_id (in tablespace lifeboat_left_out)");
        assertThat(backup.warnings()).anySatisfy(warning -> assertThat(warning)
                .startsWith("not in the backup: table constraint event_notes_event_id_event_at_fkey on app.event_notes"));
        assertThat(backup.description().tables()).extracting(table -> table.name())
                .containsExactlyInAnyOrder("app.events_new", "app.event_notes", "app.keyed");
        String target = PostgresServers.uniqueName("left_out_parts_restored");
        DatabaseLocation restored = DatabaseLocation.parse(server.url(target));
        engine.restore(new RestoreJob(RoundTripTest.manifest(backup, parts), parts, restored, false, Optional.empty(),
                Map.of(), Progress.NONE));
        assertThat(server.column(target, "SELECT count(*)::text FROM app.event_notes")).containsExactly("2");
        assertThat(server.column(target, "SELECT relreplident::text FROM pg_class WHERE oid = 'app.keyed'::regclass"))
                .containsExactly("d");
    }

    /** One more thing lifeboat cannot reproduce: how to make it, who backs it up, and how the backup names it. */
    record Case(String name, String setup, String backupRole, String unsupported, int sinceMajor) {

        Case(String name, String setup, String backupRole, String unsupported) {
            this(name, setup, backupRole, unsupported, 13);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> everythingElseStillUnsupported() {
        List<Case> cases = List.of(
                new Case("a table inheriting from an extension's table", """
                        CREATE SCHEMA settings_ext;
                        CREATE EXTENSION lifeboat_test_settings;
                        CREATE TABLE public.my_settings (mine boolean) INHERITS (settings_ext.setting);
                        INSERT INTO public.my_settings (id, name, mine) VALUES (1, 'one', true);
                        """, "postgres", "table public.my_settings (inherits from extension table settings_ext.setting)"),
                new Case("an inherited generated column in another order than its parent's", """
                        CREATE TABLE public.parent (a integer);
                        CREATE TABLE public.child (b integer) INHERITS (public.parent);
                        ALTER TABLE public.parent ADD COLUMN c integer GENERATED ALWAYS AS (a * 2) STORED;
                        INSERT INTO public.child (a, b) VALUES (1, 2);
                        """, "postgres", "column order of table public.child"),
                new Case("a member added to one of the server's operator families", """
                        CREATE FUNCTION public.int4_text_cmp(a integer, b text) RETURNS integer LANGUAGE sql IMMUTABLE
                            AS $$ SELECT btint4cmp(a, b::integer) $$;
                        ALTER OPERATOR FAMILY pg_catalog.integer_ops USING btree ADD
                            FUNCTION 1 (integer, text) public.int4_text_cmp(integer, text);
                        """, "postgres", "of operator family pg_catalog.integer_ops"),
                new Case("a function using the row type of a materialized view created after the data", """
                        CREATE TABLE public.items (id integer PRIMARY KEY, kind text);
                        INSERT INTO public.items VALUES (1, 'a'), (2, 'b');
                        CREATE MATERIALIZED VIEW public.kinds AS SELECT id, kind FROM public.items GROUP BY id;
                        CREATE FUNCTION public.first_kind() RETURNS public.kinds LANGUAGE sql
                            AS $$ SELECT * FROM public.kinds ORDER BY id LIMIT 1 $$;
                        """, "postgres", "function public.first_kind() (uses materialized view "),
                new Case("a user mapping whose options the backing-up role may not read", """
                        DO $$ BEGIN CREATE ROLE lifeboat_left_out_reader LOGIN; EXCEPTION WHEN duplicate_object
                            THEN NULL; END $$;
                        CREATE FOREIGN DATA WRAPPER left_out_wrapper;
                        CREATE SERVER left_out_server FOREIGN DATA WRAPPER left_out_wrapper;
                        CREATE USER MAPPING FOR postgres SERVER left_out_server OPTIONS (password 'Hidden-7c1e');
                        CREATE TABLE public.kept (id integer);
                        INSERT INTO public.kept VALUES (1);
                        GRANT SELECT ON public.kept TO lifeboat_left_out_reader;
                        """, "lifeboat_left_out_reader", "user mapping for postgres server left_out_server"),
                new Case("a view using a function whose SQL-standard body relies on a primary key", """
                        CREATE TABLE public.items (id integer PRIMARY KEY, kind text);
                        INSERT INTO public.items VALUES (1, 'a'), (2, 'b');
                        CREATE FUNCTION public.kinds() RETURNS SETOF text LANGUAGE sql
                            BEGIN ATOMIC SELECT kind FROM public.items GROUP BY id; END;
                        CREATE VIEW public.all_kinds AS SELECT * FROM public.kinds() AS k(kind);
                        """, "postgres", "view public.all_kinds (uses function public.kinds(), which relies on a "
                        + "primary key and is created after the data)", 14));
        return cases.stream().flatMap(leftOut -> Stream.of(Version.OLDEST, Version.NEWEST)
                .filter(version -> Integer.parseInt(version.major()) >= leftOut.sinceMajor())
                .map(version -> Arguments.of(leftOut, version)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("everythingElseStillUnsupported")
    void every_other_object_that_cannot_be_reproduced_is_refused_or_left_out_and_the_backup_restores(Case leftOut,
            Version version) throws Exception {
        TestServer server = PostgresServers.server(version);
        installTestExtension(server);
        String source = server.createDatabase("left_out");
        server.runScript(source, leftOut.setup());
        DatabaseLocation location = DatabaseLocation.parse("postgresql://" + leftOut.backupRole() + "@"
                + server.host() + ":" + server.port() + "/" + source);

        assertThatThrownBy(() -> engine.backup(job(location, Map.of(), new InMemoryParts())))
                .isInstanceOf(IncompatibleException.class)
                .hasMessageContaining(leftOut.unsupported())
                .hasMessageContaining("--allow-unsupported");
        InMemoryParts parts = new InMemoryParts();
        EngineBackup backup = engine.backup(job(location, Map.of("allow-unsupported", "true"), parts));
        assertThat(backup.warnings()).anySatisfy(warning -> assertThat(warning).startsWith("not in the backup: ")
                .contains(leftOut.unsupported()));

        String target = PostgresServers.uniqueName("left_out_restored");
        DatabaseLocation restored = DatabaseLocation.parse(server.url(target));
        engine.restore(new RestoreJob(RoundTripTest.manifest(backup, parts), parts, restored, false, Optional.empty(),
                Map.of(), Progress.NONE));
        assertThat(engine.fingerprint(restored, Progress.NONE).tables()).isEqualTo(backup.fingerprint().tables());
    }

    /** The extension with a configuration table that the extension-configuration fixture brings. */
    private static void installTestExtension(TestServer server) throws SQLException {
        String directory = "/kinds/extension-configuration/extension/";
        ServerFiles.of(server).installExtension("lifeboat_test_settings", "1.0",
                TestSchemas.script(directory + "lifeboat_test_settings.control"),
                TestSchemas.script(directory + "lifeboat_test_settings--1.0.sql"));
    }

    private static BackupJob job(DatabaseLocation location, Map<String, String> options, InMemoryParts parts) {
        return new BackupJob(location, options, parts, RoundTripTest.noScratch(), Progress.NONE);
    }

    /** The tablespace, once per server: CREATE TABLESPACE cannot run in a transaction, so it is checked first. */
    private static synchronized void createTablespace(TestServer server) throws SQLException {
        if (server.column("postgres", "SELECT spcname::text FROM pg_tablespace WHERE spcname = '" + TABLESPACE + "'")
                .isEmpty()) {
            server.execute("postgres", "CREATE TABLESPACE " + TABLESPACE + " LOCATION '"
                    + ServerFiles.tablespaceDirectory(server) + "'");
        }
    }
}
