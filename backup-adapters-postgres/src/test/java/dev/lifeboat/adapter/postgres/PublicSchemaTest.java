package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.adapter.postgres.PostgresServers.Version;
import dev.lifeboat.domain.contract.InMemoryParts;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RestoreJob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Schema public's owner and privileges come back as the source had them, also from a server older than 15 (whose
 * new databases let every role create in public) to a newer one (whose new databases do not): whoever could create
 * tables there before the restore still can, and whoever could not still cannot.
 */
class PublicSchemaTest {

    private static final String ROLES = "DO $$ BEGIN CREATE ROLE public_creator NOLOGIN; "
            + "EXCEPTION WHEN duplicate_object THEN NULL; END $$; "
            + "DO $$ BEGIN CREATE ROLE public_guest NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$";

    private final PostgresEngine engine = new PostgresEngine();

    @Test
    void an_old_servers_public_schema_stays_open_on_a_new_server() throws Exception {
        TestServer source = PostgresServers.server(Version.PG13);
        TestServer target = PostgresServers.server(Version.PG18);
        String database = source.createDatabase("public_open");
        source.execute(database, ROLES, "CREATE TABLE public.t (id integer)");
        target.execute("postgres", ROLES);

        String restored = backupAndRestore(source, database, target);

        assertThat(canCreate(target, restored, "public_creator")).isTrue();
        assertThat(single(target, restored, "SELECT pg_catalog.pg_get_userbyid(nspowner) FROM pg_catalog.pg_namespace "
                + "WHERE nspname = 'public'")).isEqualTo(single(source, database, "SELECT pg_catalog.pg_get_userbyid("
                + "nspowner) FROM pg_catalog.pg_namespace WHERE nspname = 'public'"));
        assertThat(publicAcl(target, restored)).isEqualTo(publicAcl(source, database));
    }

    @Test
    void a_public_schema_closed_to_others_stays_closed_and_a_granted_role_keeps_create() throws Exception {
        TestServer source = PostgresServers.server(Version.PG13);
        TestServer target = PostgresServers.server(Version.PG18);
        String database = source.createDatabase("public_closed");
        source.execute(database, ROLES, "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
                "GRANT CREATE ON SCHEMA public TO public_creator");
        target.execute("postgres", ROLES);

        String restored = backupAndRestore(source, database, target);

        assertThat(canCreate(target, restored, "public_creator")).isTrue();
        assertThat(canCreate(target, restored, "public_guest")).isFalse();
        assertThat(publicAcl(target, restored)).isEqualTo(publicAcl(source, database));
    }

    @Test
    void a_new_servers_public_schema_opened_to_everyone_stays_open() throws Exception {
        TestServer server = PostgresServers.server(Version.PG18);
        String database = server.createDatabase("public_reopened");
        server.execute(database, ROLES, "GRANT CREATE ON SCHEMA public TO PUBLIC");

        String restored = backupAndRestore(server, database, server);

        assertThat(canCreate(server, restored, "public_guest")).isTrue();
        assertThat(publicAcl(server, restored)).isEqualTo(publicAcl(server, database));
    }

    private String backupAndRestore(TestServer source, String database, TestServer target) throws Exception {
        InMemoryParts parts = new InMemoryParts();
        EngineBackup backup = engine.backup(new BackupJob(DatabaseLocation.parse(source.url(database)),
                Map.of("jobs", "1"), parts, RoundTripTest.noScratch(), Progress.NONE));
        assertThat(backup.warnings()).isEmpty();
        String restored = PostgresServers.uniqueName("public_restored");
        engine.restore(new RestoreJob(RoundTripTest.manifest(backup, parts), parts,
                DatabaseLocation.parse(target.url(restored)), false, Optional.empty(), Map.of("jobs", "1"),
                Progress.NONE));
        return restored;
    }

    private static boolean canCreate(TestServer server, String database, String role) throws SQLException {
        return single(server, database, "SELECT pg_catalog.has_schema_privilege('" + role + "', 'public', 'CREATE')")
                .equals("t");
    }

    /** The ACL with role names, whatever the owner's OID. */
    private static String publicAcl(TestServer server, String database) throws SQLException {
        return single(server, database, "SELECT pg_catalog.string_agg(CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE "
                + "pg_catalog.pg_get_userbyid(a.grantee) END || ' ' || a.privilege_type || ' ' || a.is_grantable, ', ' "
                + "ORDER BY 1) FROM pg_catalog.pg_namespace n, pg_catalog.aclexplode(n.nspacl) a "
                + "WHERE n.nspname = 'public'");
    }

    private static String single(TestServer server, String database, String sql) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            Object value = result.getObject(1);
            return value instanceof Boolean flag ? (flag ? "t" : "f") : String.valueOf(value);
        }
    }
}
