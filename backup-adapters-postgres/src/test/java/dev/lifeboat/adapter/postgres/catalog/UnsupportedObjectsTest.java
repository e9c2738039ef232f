package dev.lifeboat.adapter.postgres.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.adapter.postgres.PostgresServers.Version;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class UnsupportedObjectsTest {

    @ParameterizedTest
    @EnumSource(Version.class)
    void objects_the_script_cannot_reproduce_are_reported(Version version) throws Exception {
        TestServer server = PostgresServers.server(version);
        String database = CatalogSessions.databaseWith(server, "unsupported", """
                CREATE EXTENSION pg_trgm;
                CREATE FUNCTION public.no_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
                CREATE EVENT TRIGGER audit_ddl ON ddl_command_start EXECUTE FUNCTION public.no_ddl();
                CREATE PUBLICATION pub1;
                CREATE FUNCTION public.same_length(a text, b text) RETURNS boolean LANGUAGE sql IMMUTABLE
                    AS $$ SELECT length(a) = length(b) $$;
                CREATE OPERATOR public.=== (LEFTARG = text, RIGHTARG = text, FUNCTION = public.same_length);
                CREATE TYPE public.money_amount AS (units bigint);
                CREATE FUNCTION public.to_amount(integer) RETURNS public.money_amount LANGUAGE sql
                    AS $$ SELECT ROW($1::bigint)::public.money_amount $$;
                CREATE CAST (integer AS public.money_amount) WITH FUNCTION public.to_amount(integer);
                CREATE FOREIGN DATA WRAPPER dummy_wrapper;
                CREATE SERVER remote_server FOREIGN DATA WRAPPER dummy_wrapper;
                CREATE USER MAPPING FOR postgres SERVER remote_server;
                CREATE FOREIGN TABLE public.remote (id integer) SERVER remote_server;
                CREATE TEXT SEARCH CONFIGURATION public.my_search (COPY = pg_catalog.english);
                CREATE FUNCTION public.handler() RETURNS language_handler
                    AS '$libdir/plpgsql', 'plpgsql_call_handler' LANGUAGE C;
                CREATE LANGUAGE my_pl HANDLER public.handler;
                CREATE TRANSFORM FOR integer LANGUAGE my_pl (FROM SQL WITH FUNCTION prsd_lextype(internal));
                CREATE TYPE public.not_yet;
                CREATE COLLATION public.my_collation (locale = 'C');
                SELECT lo_create(0);
                CREATE TABLE public.plain (id integer);
                CREATE TABLE public.parent (a integer);
                CREATE TABLE public.child (b integer) INHERITS (public.parent);
                ALTER TABLE public.parent ADD COLUMN c integer GENERATED ALWAYS AS (a * 2) STORED;
                """);
        SchemaScript script = CatalogSessions.read(server, database, SchemaOptions.all());

        assertThat(script.unsupported()).contains(
                "column order of table public.child (differs from what INHERITS gives)");
        assertThat(script.unsupported()).noneMatch(line -> line.contains("gtrgm") || line.contains("trgm"));
        assertThat(script.unsupported()).noneMatch(line -> line.startsWith("text search")
                || line.startsWith("language") || line.startsWith("transform") || line.contains("shell type")
                || line.contains("base type"));
        // operators, casts and collations are reproduced now
        assertThat(script.unsupported()).noneMatch(line -> line.contains("===") || line.contains("money_amount")
                || line.contains("my_collation"));
        assertThat(script.unsupported()).as("large objects are backed up").noneMatch(line -> line.contains("large"));
        assertThat(script.unsupported()).as("kinds the script reproduces").noneMatch(line -> line.contains("audit_ddl")
                || line.contains("pub1") || line.contains("dummy_wrapper") || line.contains("remote_server")
                || line.contains("public.remote"));
        assertThat(script.tables()).extracting(table -> table.table().display())
                .containsExactly("public.parent", "public.plain");
    }
}
