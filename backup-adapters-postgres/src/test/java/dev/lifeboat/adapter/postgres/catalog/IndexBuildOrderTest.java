package dev.lifeboat.adapter.postgres.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.adapter.postgres.PostgresServers.Version;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A restore builds indexes and keys on parallel sessions in the script's order: the builds on the largest tables come
 * first, so that none of them starts last and runs on alone.
 */
class IndexBuildOrderTest {

    @ParameterizedTest
    @EnumSource(value = Version.class, names = {"PG13", "PG18"})
    void index_builds_start_with_the_largest_tables_and_the_largest_indexes(Version version) throws Exception {
        TestServer server = PostgresServers.server(version);
        String database = CatalogSessions.databaseWith(server, "build_order", """
                CREATE TABLE aa_small (id integer PRIMARY KEY, name text);
                CREATE INDEX aa_small_name ON aa_small (name);
                INSERT INTO aa_small SELECT i, 'n' || i FROM generate_series(1, 10) i;
                CREATE TABLE mm_large (id integer PRIMARY KEY, name text UNIQUE, note text);
                CREATE INDEX mm_large_note ON mm_large (note);
                INSERT INTO mm_large SELECT i, 'name ' || i, repeat('x', 200) || i FROM generate_series(1, 20000) i;
                CREATE TABLE zz_parted (id integer, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
                CREATE TABLE zz_parted_1 PARTITION OF zz_parted FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                CREATE TABLE zz_parted_2 PARTITION OF zz_parted FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
                INSERT INTO zz_parted SELECT i, date '2024-01-01' + i % 700 FROM generate_series(1, 5000) i;
                """);

        List<String> builds = CatalogSessions.read(server, database, SchemaOptions.all()).statements().stream()
                .filter(statement -> statement.phase() == StatementPhase.INDEXES
                        && statement.kind() == StatementKind.DEFINITION)
                .map(SchemaStatement::label).toList();

        // mm_large (5 MB) before zz_parted (its partitions' 200 KB; the parent itself holds nothing) before aa_small
        // (8 KB); on one table the largest index first; equal sizes in the order by name, constraints first
        assertThat(builds).containsExactly("INDEX public.mm_large_note",
                "CONSTRAINT mm_large_name_key ON public.mm_large", "CONSTRAINT mm_large_pkey ON public.mm_large",
                "CONSTRAINT zz_parted_pkey ON public.zz_parted", "CONSTRAINT aa_small_pkey ON public.aa_small",
                "INDEX public.aa_small_name");
    }
}
