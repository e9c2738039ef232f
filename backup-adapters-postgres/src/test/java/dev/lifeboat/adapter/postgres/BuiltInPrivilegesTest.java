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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Privileges changed on objects a database does not create itself (built-in functions, tables, columns, types,
 * languages and schemas, extension members) come back, on every server: pg_dump witnesses this on the servers it
 * can read, this test on all of them, by comparing every such object's ACL in the source and the restore.
 */
class BuiltInPrivilegesTest {

    /** Every ACL entry of initdb's objects and extension members, by name. */
    private static final String ACLS = """
            SELECT o.kind || ' ' || o.name || ' ' || CASE WHEN a.grantee = 0 THEN 'PUBLIC'
                   ELSE pg_catalog.pg_get_userbyid(a.grantee) END || ' ' || a.privilege_type || ' ' || a.is_grantable
            FROM (SELECT 'function' AS kind, p.oid::pg_catalog.regprocedure::text AS name, p.oid,
                         COALESCE(p.proacl, pg_catalog.acldefault('f', p.proowner)) AS acl,
                         'pg_proc'::pg_catalog.regclass AS catalog FROM pg_catalog.pg_proc p
                  UNION ALL SELECT 'relation', c.oid::pg_catalog.regclass::text, c.oid,
                         COALESCE(c.relacl, pg_catalog.acldefault('r', c.relowner)), 'pg_class'::pg_catalog.regclass
                  FROM pg_catalog.pg_class c WHERE c.relkind IN ('r', 'v', 'm', 'S', 'f', 'p')
                  UNION ALL SELECT 'column', c.oid::pg_catalog.regclass::text || '.' || a.attname, c.oid, a.attacl,
                         'pg_class'::pg_catalog.regclass FROM pg_catalog.pg_attribute a
                  JOIN pg_catalog.pg_class c ON c.oid = a.attrelid WHERE a.attacl IS NOT NULL
                  UNION ALL SELECT 'type', pg_catalog.format_type(t.oid, NULL), t.oid,
                         COALESCE(t.typacl, pg_catalog.acldefault('T', t.typowner)), 'pg_type'::pg_catalog.regclass
                  FROM pg_catalog.pg_type t
                  UNION ALL SELECT 'language', l.lanname, l.oid,
                         COALESCE(l.lanacl, pg_catalog.acldefault('l', l.lanowner)), 'pg_language'::pg_catalog.regclass
                  FROM pg_catalog.pg_language l
                  UNION ALL SELECT 'schema', n.nspname, n.oid,
                         COALESCE(n.nspacl, pg_catalog.acldefault('n', n.nspowner)), 'pg_namespace'::pg_catalog.regclass
                  FROM pg_catalog.pg_namespace n) o,
                 LATERAL pg_catalog.aclexplode(o.acl) a
            WHERE o.oid < 16384 OR EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = o.catalog
                  AND d.objid = o.oid AND d.deptype = 'e')
            ORDER BY 1""";

    private final PostgresEngine engine = new PostgresEngine();

    @ParameterizedTest
    @EnumSource(Version.class)
    void changed_privileges_on_built_in_objects_and_extension_members_come_back(Version version) throws Exception {
        TestServer server = PostgresServers.server(version);
        String source = server.createDatabase("builtin_privileges");
        KindFixtures.load(server, source, "builtin-privileges");

        String restored = backupAndRestore(server, source);

        List<String> expected = acls(server, source);
        assertThat(expected).contains("function pg_sleep(double precision) builtin_operator EXECUTE false",
                "column pg_authid.rolname builtin_auditor SELECT false",
                "language plpgsql builtin_auditor USAGE true");
        assertThat(expected).noneMatch(entry -> entry.startsWith("function pg_sleep(double precision) PUBLIC"));
        assertThat(acls(server, restored)).containsExactlyElementsOf(expected);
    }

    private String backupAndRestore(TestServer server, String database) throws Exception {
        InMemoryParts parts = new InMemoryParts();
        EngineBackup backup = engine.backup(new BackupJob(DatabaseLocation.parse(server.url(database)),
                Map.of("jobs", "1"), parts, RoundTripTest.noScratch(), Progress.NONE));
        assertThat(backup.warnings()).isEmpty();
        String restored = PostgresServers.uniqueName("builtin_restored");
        engine.restore(new RestoreJob(RoundTripTest.manifest(backup, parts), parts,
                DatabaseLocation.parse(server.url(restored)), false, Optional.empty(), Map.of("jobs", "1"),
                Progress.NONE));
        return restored;
    }

    private static List<String> acls(TestServer server, String database) throws SQLException {
        List<String> acls = new ArrayList<>();
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_catalog.set_config('search_path', '', false)");
            try (ResultSet result = statement.executeQuery(ACLS)) {
                while (result.next()) {
                    acls.add(result.getString(1));
                }
            }
        }
        return acls;
    }
}
