package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The independent witnesses that a restored database is identical to its source: pg_dump's text of schema and data,
 * where an installed pg_dump can read the server, and the catalogue snapshot ({@link CatalogSnapshot}) everywhere. Where the test run asks for
 * pg_dump ({@code LIFEBOAT_REQUIRE_PG_DUMP}, as CI does) and the server is one an installed pg_dump can read, a
 * missing pg_dump fails rather than quietly leaving that witness out.
 */
public final class Witnesses {

    /** The newest server major the pg_dump CI installs (Debian 12's postgresql-client) can read. */
    static final int REQUIRED_PG_DUMP_MAJOR = 15;

    private Witnesses() {
    }

    /** Asserts that two databases of one server are identical by every witness available for it. */
    public static void assertIdentical(TestServer server, String source, String restored) throws SQLException {
        Optional<PgDump> pgDump = PgDump.forServer(server);
        if (System.getenv("LIFEBOAT_REQUIRE_PG_DUMP") != null && server.majorVersion() <= REQUIRED_PG_DUMP_MAJOR) {
            assertThat(pgDump).as("a pg_dump able to read %s (.ci/run installs one)", server.label()).isPresent();
        }
        if (pgDump.isPresent()) {
            String expected = pgDump.get().everything(source);
            String actual = pgDump.get().everything(restored);
            assertThat(actual).as("pg_dump of the restore: %s", PgDump.differences(expected, actual))
                    .isEqualTo(expected);
        }
        CatalogSnapshot expected = snapshot(server, source);
        CatalogSnapshot actual = snapshot(server, restored);
        assertThat(actual).as("catalogue snapshot of the restore: %s", CatalogSnapshot.differences(expected, actual))
                .isEqualTo(expected);
    }

    /** A database's snapshot without its owner: a restore's database belongs to whoever restored it. */
    static CatalogSnapshot snapshot(TestServer server, String database) throws SQLException {
        return CatalogSnapshot.of(server, database).without(line -> line.startsWith("database owner "));
    }
}
