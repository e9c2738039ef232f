package dev.lifeboat.adapter.postgres.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.adapter.postgres.PostgresServers.Version;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExtensionsTest {

    @ParameterizedTest
    @EnumSource(Version.class)
    void an_extension_is_created_and_its_members_are_not(Version version) throws Exception {
        TestServer server = PostgresServers.server(version);
        String database = CatalogSessions.databaseWith(server, "ext", """
                CREATE SCHEMA ext;
                CREATE EXTENSION pg_trgm WITH SCHEMA ext;
                CREATE EXTENSION citext;
                CREATE TABLE public.words (word public.citext PRIMARY KEY, note text);
                CREATE INDEX words_trgm ON public.words USING gin (note ext.gin_trgm_ops);
                CREATE FUNCTION public.close_to(a text, b text) RETURNS boolean LANGUAGE sql
                    AS $$ SELECT ext.similarity(a, b) > 0.5 $$;
                """);
        SchemaScript script = CatalogSessions.read(server, database, SchemaOptions.all());

        assertThat(script.statements()).extracting(SchemaStatement::sql).contains(
                "CREATE EXTENSION IF NOT EXISTS \"pg_trgm\" WITH SCHEMA \"ext\"");
        assertThat(script.statements()).extracting(SchemaStatement::sql)
                .anyMatch(sql -> sql.startsWith("CREATE EXTENSION IF NOT EXISTS \"citext\" WITH SCHEMA \"public\""))
                .noneMatch(sql -> sql.contains("FUNCTION ext.similarity") || sql.contains("FUNCTION public.citext"))
                .noneMatch(sql -> sql.contains("CREATE TYPE") || sql.contains("CREATE OPERATOR"));
        assertThat(script.unsupported()).isEmpty();
        assertThat(script.description()).contains("extension pg_trgm schema ext\n");

        String copy = server.createDatabase("ext_copy");
        CatalogSessions.apply(server, copy, script);
        SchemaRoundTripTest.assertSameDescription(CatalogSessions.describe(server, copy), script.description());
    }
}
