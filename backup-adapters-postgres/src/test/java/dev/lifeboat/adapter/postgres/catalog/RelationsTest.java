package dev.lifeboat.adapter.postgres.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelationsTest {

    @Test
    void locks_cover_tables_and_data_covers_leaf_tables_without_generated_columns() throws Exception {
        TestServer server = PostgresServers.oldest();
        String database = CatalogSessions.databaseWith(server, "relations", """
                CREATE EXTENSION hstore;
                CREATE SCHEMA "B";
                CREATE TABLE "B".items (id integer, doubled integer GENERATED ALWAYS AS (id * 2) STORED, "Note" text);
                ALTER TABLE "B".items DROP COLUMN "Note";
                ALTER TABLE "B".items ADD COLUMN note text;
                CREATE TABLE public.parted (id integer) PARTITION BY LIST (id);
                CREATE TABLE public.parted_1 PARTITION OF public.parted FOR VALUES IN (1);
                CREATE MATERIALIZED VIEW public.m AS SELECT 1 AS one;
                CREATE VIEW public.v AS SELECT 1 AS one;
                CREATE SEQUENCE public.s;
                """);
        List<QualifiedName> locks;
        try (Connection connection = server.connect(database)) {
            locks = new SchemaReader(connection, SchemaOptions.all()).relationsToLock();
        }
        assertThat(locks).extracting(QualifiedName::display)
                .containsExactly("B.items", "public.parted", "public.parted_1");

        SchemaScript script = CatalogSessions.read(server, database, SchemaOptions.all());
        assertThat(script.tables()).containsExactly(
                new TableData(new QualifiedName("B", "items"), List.of("id", "note")),
                new TableData(new QualifiedName("public", "parted_1"), List.of("id")));
    }
}
