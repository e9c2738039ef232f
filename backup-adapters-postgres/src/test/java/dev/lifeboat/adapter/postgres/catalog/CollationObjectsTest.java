package dev.lifeboat.adapter.postgres.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.adapter.postgres.PostgresServers.Version;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Collations and access methods describe the same on every server version, which keep them in other columns. */
class CollationObjectsTest {

    private static final String COLLATIONS = """
            CREATE COLLATION public.plain_c (locale = 'C');
            CREATE COLLATION public.split (lc_collate = 'C', lc_ctype = 'C.utf8');
            CREATE COLLATION public.blind (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
            CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;
            CREATE TABLE public.kept (id integer) USING heap2;
            CREATE TABLE public.plain (id integer);
            """;

    @Test
    void the_oldest_and_the_newest_server_describe_collations_alike() throws Exception {
        List<String> oldest = lines(PostgresServers.server(Version.OLDEST));
        List<String> newest = lines(PostgresServers.server(Version.NEWEST));

        assertThat(oldest).containsExactly(
                "access method heap2 type t handler pg_catalog.heap_tableam_handler(internal)",
                "collation public.blind provider i deterministic f locale und-u-ks-level2 lc_collate  lc_ctype  rules ",
                "collation public.plain_c provider c deterministic t locale  lc_collate C lc_ctype C rules ",
                "collation public.split provider c deterministic t locale  lc_collate C lc_ctype C.utf8 rules ",
                "relation public.kept access method heap2");
        assertThat(newest).isEqualTo(oldest);
    }

    private static List<String> lines(TestServer server) throws Exception {
        String database = CatalogSessions.databaseWith(server, "collations", COLLATIONS);
        return CatalogSessions.describe(server, database).lines()
                .filter(line -> line.startsWith("collation ") || line.contains("access method")).toList();
    }
}
