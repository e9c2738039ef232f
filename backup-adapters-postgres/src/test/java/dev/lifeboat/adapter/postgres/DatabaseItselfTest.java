package dev.lifeboat.adapter.postgres;

import static dev.lifeboat.adapter.postgres.RestoreScenes.backupOf;
import static dev.lifeboat.adapter.postgres.RestoreScenes.databasesStartingWith;
import static dev.lifeboat.adapter.postgres.RestoreScenes.location;
import static dev.lifeboat.adapter.postgres.RestoreScenes.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lifeboat.adapter.postgres.PostgresServers.DedicatedServer;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.adapter.postgres.PostgresServers.Version;
import dev.lifeboat.adapter.postgres.RestoreScenes.Backup;
import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RestoreJob;
import dev.lifeboat.domain.spi.RestoreOutcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database itself, as a restore makes it: with its source's owner, connection limit and privileges (relative to
 * whoever owns it in the end), never a template or closed to connections (said instead), with settings the target
 * knows (checked before anything is loaded) whose values are never shown, and with its source's locale provider even
 * where the target's template0 has another.
 */
class DatabaseItselfTest {

    private static final String ACL = "SELECT pg_catalog.array_to_string(datacl, ',') FROM pg_catalog.pg_database"
            + " WHERE datname = pg_catalog.current_database()";
    private static final String OWNER = "SELECT pg_catalog.pg_get_userbyid(datdba) FROM pg_catalog.pg_database"
            + " WHERE datname = pg_catalog.current_database()";

    private final PostgresEngine engine = new PostgresEngine();

    @Test
    void the_database_comes_back_with_its_owner_connection_limit_and_privileges() throws Exception {
        TestServer server = PostgresServers.newest();
        String owner = role(server, "lifeboat_test_db_owner");
        String app = role(server, "lifeboat_test_db_app");
        String source = server.createDatabase("owned_database");
        server.execute("postgres", "ALTER DATABASE " + source + " OWNER TO " + owner,
                "ALTER DATABASE " + source + " CONNECTION LIMIT 7",
                "REVOKE ALL ON DATABASE " + source + " FROM PUBLIC",
                "GRANT CONNECT ON DATABASE " + source + " TO " + app + " WITH GRANT OPTION",
                "REVOKE TEMPORARY ON DATABASE " + source + " FROM " + owner);
        Backup backup = backupOf(engine, location(server, source), Map.of());
        String target = PostgresServers.uniqueName("owned_database");

        engine.restore(backup.restoreJob(location(server, target), false, Map.of()));

        assertThat(backup.result().description().properties().get(RequiredRoles.PROPERTY))
                .contains("\"" + owner + "\" (owner)");
        assertThat(single(server, target, OWNER)).isEqualTo(owner);
        assertThat(single(server, target, ACL)).isEqualTo(single(server, source, ACL))
                .isEqualTo(owner + "=Cc/" + owner + "," + app + "=c*/" + owner);
        assertThat(single(server, target, "SELECT datconnlimit FROM pg_catalog.pg_database"
                + " WHERE datname = pg_catalog.current_database()")).isEqualTo("7");

        // without ownership, over a database of another role: that role's, its privileges the owner's
        String other = role(server, "lifeboat_test_db_other");
        String replaced = server.createDatabase("owned_elsewhere");
        server.execute("postgres", "ALTER DATABASE " + replaced + " OWNER TO " + other);
        server.execute(replaced, "CREATE TABLE public.old (id integer)");
        engine.restore(backup.restoreJob(location(server, replaced), true, Map.of("no-owner", "true",
                "drop-previous", "true")));

        assertThat(single(server, replaced, OWNER)).isEqualTo(other);
        assertThat(single(server, replaced, ACL)).isEqualTo(other + "=Cc/" + other + "," + app + "=c*/" + other);
    }

    @Test
    void a_restore_makes_no_template_and_no_database_closed_to_connections_and_says_so() throws Exception {
        TestServer server = PostgresServers.newest();
        String source = server.createDatabase("template_source");
        server.execute(source, "CREATE TABLE public.items (id integer PRIMARY KEY)", "INSERT INTO public.items VALUES (1)");
        server.execute("postgres", "ALTER DATABASE " + source + " IS_TEMPLATE true");
        Backup backup = backupOf(engine, location(server, source), Map.of());
        String target = PostgresServers.uniqueName("template_restored");

        RestoreOutcome restored = engine.restore(backup.restoreJob(location(server, target), false, Map.of()));
        // no backup can connect to a database that allows no connections; this is what one would have recorded
        String closed = PostgresServers.uniqueName("closed_restored");
        RestoreOutcome reopened = engine.restore(new RestoreJob(backup.manifestWith(properties -> properties.put(
                ServerFacts.ALLOWS_CONNECTIONS, "false")), backup.parts(), location(server, closed), false,
                Optional.empty(), Map.of(), Progress.NONE));

        assertThat(restored.warnings()).anySatisfy(warning -> assertThat(warning)
                .contains("the source database was a template; the restored one is not")
                .contains("ALTER DATABASE \"" + target + "\" IS_TEMPLATE true"));
        assertThat(reopened.warnings()).anySatisfy(warning -> assertThat(warning)
                .contains("the source database allowed no connections; the restored one does"));
        assertThat(single(server, target, "SELECT datistemplate::text || ' ' || datallowconn FROM"
                + " pg_catalog.pg_database WHERE datname = pg_catalog.current_database()")).isEqualTo("false true");
        assertThat(single(server, closed, "SELECT datistemplate::text || ' ' || datallowconn FROM"
                + " pg_catalog.pg_database WHERE datname = pg_catalog.current_database()")).isEqualTo("false true");
    }

    @Test
    void settings_the_target_no_longer_knows_stop_the_restore_before_anything_is_loaded() throws Exception {
        TestServer oldest = PostgresServers.oldest();
        TestServer newest = PostgresServers.newest();
        String source = oldest.createDatabase("removed_settings");
        oldest.execute(source, "CREATE TABLE public.items (id integer PRIMARY KEY)", "INSERT INTO public.items VALUES (1)");
        oldest.execute("postgres", "ALTER DATABASE " + source + " SET vacuum_cleanup_index_scale_factor = 0.2",
                "ALTER DATABASE " + source + " SET force_parallel_mode = on",
                "ALTER DATABASE " + source + " SET app.tenant = 'shop'",
                "ALTER DATABASE " + source + " SET work_mem = '8MB'");
        Backup backup = backupOf(engine, location(oldest, source), Map.of());
        String target = PostgresServers.uniqueName("removed_settings");

        Throwable refusal = catchThrowable(() -> engine.restore(backup.restoreJob(location(newest, target), false,
                Map.of())));

        assertThat(refusal).isInstanceOf(IncompatibleException.class)
                .hasMessageContaining("settings vacuum_cleanup_index_scale_factor, force_parallel_mode, which"
                        + " PostgreSQL " + newest.majorVersion())
                .hasMessageContaining("nothing was loaded")
                .hasMessageContaining("restore onto PostgreSQL 13");
        assertThat(refusal.getMessage()).doesNotContain("app.tenant").doesNotContain("work_mem");
        assertThat(databasesStartingWith(newest, target)).isEmpty();
        engine.restore(backup.restoreJob(location(oldest, target), false, Map.of()));
        assertThat(engine.fingerprint(location(oldest, target), Progress.NONE)).isEqualTo(backup.result().fingerprint());
    }

    @Test
    void a_setting_s_value_is_never_shown() throws Exception {
        TestServer server = PostgresServers.newest();
        String secret = "Lifeboat-jwt-" + UUID.randomUUID();
        String gone = role(server, "lifeboat_test_gone_setting");
        String source = server.createDatabase("secret_settings");
        server.execute("postgres", "ALTER DATABASE " + source + " SET app.jwt_secret = '" + secret + "'",
                "ALTER ROLE " + gone + " IN DATABASE " + source + " SET app.jwt_secret = '" + secret + "'");
        Backup backup = backupOf(engine, location(server, source), Map.of());
        server.execute("postgres", "DROP ROLE " + gone);
        String target = PostgresServers.uniqueName("secret_settings");

        // an archive without the roles it needs: the server refuses the role's setting
        Throwable refusal = catchThrowable(() -> engine.restore(new RestoreJob(backup.manifestWith(properties ->
                properties.remove(RequiredRoles.PROPERTY)), backup.parts(), location(server, target), false,
                Optional.empty(), Map.of(), Progress.NONE)));

        assertThat(refusal).isInstanceOf(IncompatibleException.class)
                .hasMessageContaining("ROLE " + gone + " SETTING app.jwt_secret")
                .hasMessageContaining("SQLSTATE 42704");
        List<String> shown = new ArrayList<>(RestoreScenes.messages(refusal));
        shown.add(new String(backup.parts().bytes(ArchiveLayout.DESCRIPTION), StandardCharsets.UTF_8));
        shown.add(backup.manifest().toString());
        assertThat(shown).noneMatch(text -> text.contains(secret));
        assertThat(new String(backup.parts().bytes(ArchiveLayout.POST_DATA), StandardCharsets.UTF_8))
                .as("the archive keeps what the restore needs").contains(secret);
    }

    @Test
    void a_database_of_libc_comes_back_with_libc_where_template0_is_icu(@TempDir Path data) throws Exception {
        try (DedicatedServer icu = PostgresServers.dedicated(Version.NEWEST, data,
                Map.of("locale-provider", "icu", "icu-locale", "en-US"))) {
            TestServer target = icu.server();
            assertThat(single(target, "postgres", "SELECT datlocprovider FROM pg_catalog.pg_database"
                    + " WHERE datname = 'template0'")).isEqualTo("i");
            for (TestServer from : List.of(PostgresServers.oldest(), PostgresServers.newest())) {
                String source = from.createDatabase("libc_source");
                from.execute(source, "CREATE TABLE public.words (word text PRIMARY KEY)",
                        "INSERT INTO public.words VALUES ('a'), ('B'), ('c')");
                Backup backup = backupOf(engine, location(from, source), Map.of());
                String restored = PostgresServers.uniqueName("libc_restored");

                engine.restore(backup.restoreJob(location(target, restored), false, Map.of()));

                assertThat(single(target, restored, "SELECT datlocprovider::text || ' ' || datcollate"
                        + " FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database()"))
                        .as("from %s", from).isEqualTo("c " + single(from, source, "SELECT datcollate"
                                + " FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database()"));
                assertThat(engine.fingerprint(location(target, restored), Progress.NONE))
                        .isEqualTo(backup.result().fingerprint());
            }
        }
    }

    /**
     * After making its database, a restore reads it back: one the server made with another locale than asked for
     * is refused. No server of these tests makes one since the restore names the provider; this is how it is told.
     */
    @Test
    void a_database_made_with_another_locale_than_the_backup_s_is_told_apart() {
        DatabaseLocale olderThan15 = new DatabaseLocale(Optional.of("UTF8"), Optional.of("C.UTF-8"),
                Optional.of("C.UTF-8"), Optional.empty(), Optional.empty(), Optional.empty());
        DatabaseLocale libc = new DatabaseLocale(Optional.of("UTF8"), Optional.of("C.UTF-8"), Optional.of("C.UTF-8"),
                Optional.of("libc"), Optional.empty(), Optional.empty());
        DatabaseLocale icu = new DatabaseLocale(Optional.of("UTF8"), Optional.of("C.UTF-8"), Optional.of("C.UTF-8"),
                Optional.of("icu"), Optional.of("en-US"), Optional.empty());

        assertThat(olderThan15.differencesFrom(libc)).isEmpty();
        assertThat(olderThan15.differencesFrom(icu)).containsExactly("locale provider icu");
        assertThat(libc.differencesFrom(new DatabaseLocale(Optional.of("SQL_ASCII"), Optional.of("C"),
                Optional.of("C.UTF-8"), Optional.of("libc"), Optional.empty(), Optional.empty())))
                .containsExactly("encoding SQL_ASCII", "LC_COLLATE C");
        assertThat(olderThan15.createOptions(150000)).contains("LOCALE_PROVIDER libc");
        assertThat(olderThan15.createOptions(140000)).doesNotContain("LOCALE_PROVIDER");
    }

    private static String role(TestServer server, String prefix) throws SQLException {
        String role = PostgresServers.uniqueName(prefix);
        server.execute("postgres", "CREATE ROLE " + role + " NOLOGIN");
        return role;
    }
}
