package dev.lifeboat.adapter.postgres.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.KindFixtures;
import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.adapter.postgres.PostgresServers.Version;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a round trip of the text search, language, transform and base type fixtures might not pinpoint: the order
 * that breaks a type's cycle with its functions, the order of a configuration's dictionaries, what stays
 * CREATE EXTENSION's business, and descriptions equal across server versions.
 */
class TextSearchAndTypesTest {

    @ParameterizedTest
    @EnumSource(Version.class)
    void a_base_type_is_a_shell_then_its_functions_then_its_definition(Version version) throws Exception {
        TestServer server = PostgresServers.server(version);
        String database = CatalogSessions.databaseWith(server, "cycle", """
                CREATE SCHEMA s;
                CREATE TYPE s.num;
                CREATE FUNCTION s.num_in(cstring) RETURNS s.num AS 'int4in' LANGUAGE internal IMMUTABLE STRICT;
                CREATE FUNCTION s.num_out(s.num) RETURNS cstring AS 'int4out' LANGUAGE internal IMMUTABLE STRICT;
                CREATE FUNCTION s.num_double(s.num) RETURNS s.num AS 'int4pl' LANGUAGE internal IMMUTABLE STRICT;
                CREATE TYPE s.num (INPUT = s.num_in, OUTPUT = s.num_out, INTERNALLENGTH = 4, PASSEDBYVALUE,
                    ALIGNMENT = int4);
                CREATE TYPE s.shell_only;
                CREATE TYPE s.span;
                CREATE FUNCTION s.span_canonical(s.span) RETURNS s.span AS 'int4range_canonical'
                    LANGUAGE internal IMMUTABLE STRICT;
                CREATE TYPE s.span AS RANGE (SUBTYPE = integer, CANONICAL = s.span_canonical);
                CREATE TABLE s.t (n s.num, r s.span);
                """);
        SchemaScript script = CatalogSessions.read(server, database, SchemaOptions.all());
        List<String> sql = script.statements().stream().map(statement -> statement.sql().lines().findFirst()
                .orElse("")).toList();

        assertThat(script.unsupported()).isEmpty();
        assertThat(sql).containsSubsequence(
                "CREATE TYPE \"s\".\"num\"",
                "CREATE OR REPLACE FUNCTION s.num_in(cstring)",
                "CREATE OR REPLACE FUNCTION s.num_out(s.num)",
                "CREATE TYPE \"s\".\"num\" (INPUT = s.num_in, OUTPUT = s.num_out, INTERNALLENGTH = 4, PASSEDBYVALUE,"
                        + " ALIGNMENT = int4, STORAGE = plain)",
                "CREATE OR REPLACE FUNCTION s.num_double(s.num)");
        assertThat(sql).containsSubsequence(
                "CREATE TYPE \"s\".\"span\"",
                "CREATE OR REPLACE FUNCTION s.span_canonical(s.span)",
                "CREATE TYPE \"s\".\"span\" AS RANGE (SUBTYPE = integer, CANONICAL = s.span_canonical)");
        assertThat(first(sql, "CREATE TABLE \"s\".\"t\"")).isGreaterThan(first(sql, "CREATE TYPE \"s\".\"span\" AS"))
                .isGreaterThan(first(sql, "CREATE TYPE \"s\".\"num\" ("));
        assertThat(sql).filteredOn(statement -> statement.startsWith("CREATE TYPE \"s\".\"shell_only\""))
                .hasSize(1);

        String copy = server.createDatabase("cycle_copy");
        CatalogSessions.apply(server, copy, script);
        SchemaRoundTripTest.assertSameDescription(CatalogSessions.describe(server, copy), script.description());
        assertThat(script.description()).contains("type s.shell_only kind p\n",
                "range s.span canonical s.span_canonical\n");
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void a_configuration_keeps_its_dictionaries_in_order_for_each_token_type(Version version) throws Exception {
        TestServer server = PostgresServers.server(version);
        String database = CatalogSessions.databaseWith(server, "mapping", """
                CREATE SCHEMA s;
                CREATE TEXT SEARCH DICTIONARY s.z_stem (TEMPLATE = snowball, LANGUAGE = english);
                CREATE TEXT SEARCH DICTIONARY s.a_stop (TEMPLATE = simple, STOPWORDS = english, ACCEPT = false);
                CREATE TEXT SEARCH CONFIGURATION s.c (COPY = pg_catalog.english);
                ALTER TEXT SEARCH CONFIGURATION s.c ALTER MAPPING FOR asciiword WITH s.z_stem, s.a_stop, simple;
                ALTER TEXT SEARCH CONFIGURATION s.c ALTER MAPPING FOR word WITH s.a_stop, s.z_stem;
                ALTER TEXT SEARCH CONFIGURATION s.c DROP MAPPING FOR email, url;
                """);
        SchemaScript script = CatalogSessions.read(server, database, SchemaOptions.all());

        assertThat(script.statements()).extracting(SchemaStatement::sql).contains(
                "CREATE TEXT SEARCH CONFIGURATION \"s\".\"c\" (PARSER = pg_catalog.\"default\")",
                "ALTER TEXT SEARCH CONFIGURATION \"s\".\"c\" ADD MAPPING FOR \"asciiword\""
                        + " WITH s.z_stem, s.a_stop, pg_catalog.simple",
                "ALTER TEXT SEARCH CONFIGURATION \"s\".\"c\" ADD MAPPING FOR \"word\" WITH s.a_stop, s.z_stem",
                "ALTER TEXT SEARCH CONFIGURATION \"s\".\"c\" ADD MAPPING FOR \"hword_part\""
                        + " WITH pg_catalog.english_stem")
                .noneMatch(sql -> sql.contains("FOR \"email\"") || sql.contains("FOR \"url\""));

        String copy = server.createDatabase("mapping_copy");
        CatalogSessions.apply(server, copy, script);
        String query = "SELECT alias || ': ' || array_to_string(dictionaries, ', ') FROM ts_debug('s.c', "
                + "'Stars shine, stars rise; über alles') ORDER BY 1";
        assertThat(server.column(copy, query)).isEqualTo(server.column(database, query))
                .contains("asciiword: s.z_stem, s.a_stop, simple", "word: s.a_stop, s.z_stem");
        SchemaRoundTripTest.assertSameDescription(CatalogSessions.describe(server, copy), script.description());
    }

    @Test
    void plpgsql_is_left_to_its_extension_and_a_users_language_and_transform_are_created() throws Exception {
        TestServer server = PostgresServers.newest();
        String database = CatalogSessions.databaseWith(server, "pl", """
                CREATE SCHEMA pl;
                CREATE FUNCTION pl.handler() RETURNS language_handler AS '$libdir/plpgsql', 'plpgsql_call_handler'
                    LANGUAGE C;
                CREATE LANGUAGE mine HANDLER pl.handler;
                CREATE TRANSFORM FOR integer LANGUAGE mine (FROM SQL WITH FUNCTION prsd_lextype(internal));
                CREATE FUNCTION pl.f() RETURNS integer LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;
                """);
        SchemaScript script = CatalogSessions.read(server, database, SchemaOptions.all());

        assertThat(script.statements()).extracting(SchemaStatement::sql)
                .contains("CREATE LANGUAGE \"mine\" HANDLER pl.handler",
                        "CREATE TRANSFORM FOR integer LANGUAGE \"mine\" (FROM SQL WITH FUNCTION prsd_lextype(internal))")
                .noneMatch(sql -> sql.contains("LANGUAGE \"plpgsql\"") || sql.contains("EXTENSION"));
        assertThat(script.unsupported()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text-search", "languages", "transforms", "base-types"})
    void a_fixture_read_on_the_oldest_server_describes_equal_restored_on_the_newest(String kind) throws Exception {
        TestServer oldest = PostgresServers.oldest();
        TestServer newest = PostgresServers.newest();
        String source = oldest.createDatabase(kind.replace('-', '_'));
        KindFixtures.load(oldest, source, kind);
        SchemaScript script = CatalogSessions.read(oldest, source, SchemaOptions.all());
        CatalogSessions.copyRoles(oldest, newest);

        String copy = newest.createDatabase(kind.replace('-', '_') + "_newer");
        CatalogSessions.apply(newest, copy, script);

        SchemaRoundTripTest.assertSameDescription(CatalogSessions.describe(newest, copy), script.description());
    }

    /** The position of the first statement that starts with {@code prefix}. */
    private static int first(List<String> statements, String prefix) {
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no statement starts with " + prefix + " in " + statements);
    }
}
