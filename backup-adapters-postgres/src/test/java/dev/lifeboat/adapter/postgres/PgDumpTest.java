package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PgDump.Installed;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.adapter.postgres.PostgresServers.Version;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PgDumpTest {

    @Test
    void chooses_the_newest_pg_dump_at_least_as_new_as_the_server() {
        List<Installed> installed = List.of(new Installed(Path.of("/a/pg_dump"), 13),
                new Installed(Path.of("/b/pg_dump"), 16), new Installed(Path.of("/c/pg_dump"), 15));

        assertThat(PgDump.choose(installed, 13)).map(Installed::executable).contains(Path.of("/b/pg_dump"));
        assertThat(PgDump.choose(installed, 16)).map(Installed::executable).contains(Path.of("/b/pg_dump"));
        assertThat(PgDump.choose(installed, 17)).isEmpty();
        assertThat(PgDump.choose(List.of(), 13)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void finds_a_pg_dump_exactly_when_one_installed_is_recent_enough(Version version) throws Exception {
        TestServer server = PostgresServers.server(version);
        int serverMajor = server.majorVersion();

        Optional<PgDump> pgDump = PgDump.forServer(server);

        boolean fits = PgDump.installed().stream().anyMatch(installed -> installed.major() >= serverMajor);
        assertThat(pgDump.isPresent()).isEqualTo(fits);
        pgDump.ifPresent(found -> assertThat(found.major()).isGreaterThanOrEqualTo(serverMajor));
    }

    @Test
    void normalising_keeps_only_the_definitions_and_rows_in_order() {
        String dump = """
                --
                -- PostgreSQL database dump
                --

                \\restrict 3Fx3DtTGma34k5IlSJoWTCv1lqKKC9Oo3Xjrmu1ju6jn45O9dEY5iWy5u7m76Ih

                SET statement_timeout = 0;
                SELECT pg_catalog.set_config('search_path', '', false);
                -- Name: t; Type: TABLE; Schema: public; Owner: postgres
                CREATE TABLE public.t (
                    id integer
                );
                COMMENT ON TABLE public.t IS 'in shop_1234_5, not shop_1234_50';
                ALTER TABLE public.t OWNER TO postgres;
                COPY public.t (note, id) FROM stdin;
                -- a row, not a comment	1
                SET shop_1234_5 aside	2

                \\.

                \\unrestrict 3Fx3DtTGma34k5IlSJoWTCv1lqKKC9Oo3Xjrmu1ju6jn45O9dEY5iWy5u7m76Ih
                """;

        assertThat(PgDump.normalise(dump, "shop_1234_5")).isEqualTo("""
                CREATE TABLE public.t (
                    id integer
                );
                COMMENT ON TABLE public.t IS 'in <database>, not shop_1234_50';
                ALTER TABLE public.t OWNER TO postgres;
                COPY public.t (note, id) FROM stdin;
                -- a row, not a comment	1
                SET shop_1234_5 aside	2

                \\.
                """);
    }

    @Test
    void differences_show_the_first_differing_lines() {
        String expected = "CREATE TABLE t (\n    id integer\n);\nALTER TABLE t OWNER TO postgres;\n";
        String actual = "CREATE TABLE t (\n    id integer,\n    extra text\n);\nALTER TABLE t OWNER TO postgres;\n";

        assertThat(PgDump.differences(expected, expected)).isEqualTo("no differences");
        assertThat(PgDump.differences(expected, actual)).isEqualTo("""
                first difference at line 2 (expected 4 lines, actual 5 lines)
                  CREATE TABLE t (
                -     id integer
                +     id integer,
                +     extra text
                """);
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void dumps_of_equal_schemas_are_equal_and_one_more_column_differs(Version version) throws Exception {
        TestServer server = PostgresServers.server(version);
        Optional<PgDump> found = PgDump.forServer(server);
        if (found.isEmpty()) {
            int serverMajor = server.majorVersion();
            assertThat(PgDump.installed()).noneMatch(installed -> installed.major() >= serverMajor);
            return;
        }
        PgDump pgDump = found.get();
        String original = server.createDatabase("pgdump");
        String copy = server.createDatabase("pgdump");
        TestSchemas.loadEverything(server, original);
        TestSchemas.loadEverything(server, copy);

        String first = pgDump.schema(original);
        assertThat(first).contains("CREATE TABLE \"Sales Dept\".customers (");
        assertThat(pgDump.schema(original)).as("the same database dumped twice").isEqualTo(first);
        assertThat(pgDump.schema(copy)).as(() -> PgDump.differences(first, pgDump.schema(copy))).isEqualTo(first);

        server.execute(copy, "ALTER TABLE inventory.bookings ADD COLUMN one_more_column integer");
        String changed = pgDump.schema(copy);
        assertThat(changed).isNotEqualTo(first);
        assertThat(PgDump.differences(first, changed)).contains("one_more_column integer");
    }
}
