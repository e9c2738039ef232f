package dev.lifeboat.adapter.postgres.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The description changes with anything a user would notice, and not with owners or privileges. */
class SchemaDescriptionTest {

    private static final String BASE = """
            CREATE TYPE public.mood AS ENUM ('sad', 'happy');
            CREATE TABLE public.t (id integer PRIMARY KEY, name text DEFAULT 'x', mood public.mood);
            CREATE VIEW public.v AS SELECT id, name FROM public.t;
            CREATE FUNCTION public.f(a integer) RETURNS integer LANGUAGE sql AS $$ SELECT a $$;
            """;

    private static TestServer server;
    private static String baseDescription;

    @BeforeAll
    static void describeTheBase() throws Exception {
        server = PostgresServers.newest();
        baseDescription = CatalogSessions.describe(server, CatalogSessions.databaseWith(server, "base", BASE));
    }

    @Test
    void the_same_schema_describes_the_same() throws Exception {
        String again = CatalogSessions.databaseWith(server, "same", BASE);
        assertThat(CatalogSessions.describe(server, again)).isEqualTo(baseDescription);
    }

    @Test
    void owners_and_privileges_are_not_described() throws Exception {
        String granted = CatalogSessions.databaseWith(server, "granted", BASE
                + "GRANT SELECT ON public.t TO PUBLIC; REVOKE EXECUTE ON FUNCTION public.f(integer) FROM PUBLIC;");
        assertThat(CatalogSessions.describe(server, granted)).isEqualTo(baseDescription);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ALTER TABLE public.t ADD COLUMN extra integer",
        "ALTER TABLE public.t ALTER COLUMN name SET DEFAULT 'y'",
        "ALTER TABLE public.t ALTER COLUMN name SET NOT NULL",
        "ALTER TABLE public.t ALTER COLUMN mood TYPE text",
        "ALTER TYPE public.mood RENAME VALUE 'sad' TO 'blue'",
        "CREATE INDEX t_name ON public.t (name)",
        "ALTER TABLE public.t ADD CONSTRAINT name_check CHECK (name <> '')",
        "COMMENT ON COLUMN public.t.name IS 'the name'",
        "CREATE OR REPLACE FUNCTION public.f(a integer) RETURNS integer LANGUAGE sql AS $$ SELECT a + 1 $$",
        "CREATE OR REPLACE VIEW public.v AS SELECT id, name, mood FROM public.t",
        "CREATE SEQUENCE public.s",
        "CREATE SCHEMA other",
        "ALTER TABLE public.t ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY p ON public.t USING (id > 0)",
        "CREATE RULE r AS ON DELETE TO public.t DO INSTEAD NOTHING",
        "ALTER TABLE public.t SET (fillfactor = 50)",
        "ALTER TABLE public.t SET UNLOGGED"
    })
    void a_change_changes_the_description(String change) throws Exception {
        String changed = CatalogSessions.databaseWith(server, "changed", BASE + change + ";");
        assertThat(CatalogSessions.describe(server, changed)).isNotEqualTo(baseDescription);
    }
}
