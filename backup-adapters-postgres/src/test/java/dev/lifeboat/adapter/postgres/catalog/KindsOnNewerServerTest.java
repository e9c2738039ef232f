package dev.lifeboat.adapter.postgres.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.KindFixtures;
import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.adapter.postgres.PostgresServers.Version;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Collations, conversions, casts, operators, operator classes and families and access methods of the oldest server,
 * restored onto the newest, describe as they did: the description leaves out what each version decides for itself
 * (where a collation keeps its locale, the arguments of the server's conversion functions, whether the access method
 * binds a member to its class or leaves it loose in the family), so an upgrade through a backup verifies.
 */
class KindsOnNewerServerTest {

    @ParameterizedTest
    @ValueSource(strings = {"collations", "conversions", "casts", "operators", "operator-classes", "access-methods"})
    void the_oldest_servers_objects_restore_equal_on_the_newest(String kind) throws Exception {
        TestServer oldest = PostgresServers.server(Version.OLDEST);
        TestServer newest = PostgresServers.server(Version.NEWEST);
        String source = oldest.createDatabase(kind.replace('-', '_'));
        KindFixtures.load(oldest, source, kind);
        SchemaScript script = CatalogSessions.read(oldest, source, SchemaOptions.all());
        assertThat(script.unsupported()).isEmpty();

        CatalogSessions.copyRoles(oldest, newest);
        String target = newest.createDatabase(kind.replace('-', '_') + "_upgraded");
        CatalogSessions.apply(newest, target, script);
        SchemaRoundTripTest.assertSameDescription(CatalogSessions.describe(newest, target), script.description());
    }
}
